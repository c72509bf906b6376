import CaseworkDomain
import CaseworkStorage

/// Checks CARCs a client sends against the stored CARC list: a code the list does not have, one
/// retired before the organization's today or one whose first day is still to come is 422 naming
/// it — unless the request carries `?allow_unlisted_codes=true`, for entering historical data.
enum CodeCheck {
    /// The query parameter that lets unlisted, retired and not yet valid CARCs through.
    static let overrideParameter = "allow_unlisted_codes"

    /// One error per CARC that is not in use today, at its pointer (`located` maps a code's index to its location).
    /// - Throws: 400 when the override parameter is neither `true` nor `false`.
    static func problems(_ ctx: RequestContext, _ carcs: [CARC], located: (Int) -> FieldError.Location) throws -> [FieldError] {
        try problems(ctx, reasons: carcs.map { ($0.code, $0.description) }, located: located)
    }

    /// The same for reason codes without a group (`reasons` pairs each code with how the client wrote it).
    /// - Throws: 400 when the override parameter is neither `true` nor `false`.
    static func problems(_ ctx: RequestContext, reasons: [(code: String, shown: String)],
                         located: (Int) -> FieldError.Location) throws -> [FieldError] {
        guard try !overridden(ctx), !reasons.isEmpty else { return [] }
        let standing = try ctx.store.codes.standing(.carc, codes: reasons.map(\.code), on: ctx.today)
        let advice = "for historical data add ?\(overrideParameter)=true."
        return reasons.enumerated().compactMap { index, reason in
            let detail: String
            switch standing[reason.code] ?? .unknown {
            case .current: return nil
            case .unknown:
                detail = "\(reason.shown) is not in the CARC list (GET /v1/codes/carc); \(advice)"
            case .retired(let lastDay):
                detail = "\(reason.shown) was retired: CARC \(reason.code) was last in use on \(lastDay); \(advice)"
            case .notYetInUse(let firstDay):
                detail = "\(reason.shown) is not in use yet: CARC \(reason.code) starts on \(firstDay); \(advice)"
            }
            var error = FieldError(pointer: "", detail)
            error.location = located(index)
            return error
        }
    }

    /// Whether the request carries `?allow_unlisted_codes=true`. Routes read it before the body, so
    /// that a bad value is 400 whatever the body holds.
    /// - Throws: 400 when the parameter is neither `true` nor `false`, or given twice.
    static func overridden(_ ctx: RequestContext) throws -> Bool {
        var query = QueryReader(ctx.request.query)
        if ctx.request.query.pairs.filter({ $0.name == overrideParameter }).count > 1 {
            query.fail(overrideParameter, "Give it once.")
        }
        let allowed = query.bool(overrideParameter) ?? false
        try query.check()
        return allowed
    }

    /// Runs `validate` (a body's own checks) and checks the CARCs written in `texts` (the body's list
    /// at `pointer`) in one go, so that a client sees format errors and unlisted codes in one answer.
    /// Codes in `held` (already stored) are not checked; texts that are no CARC are `validate`'s to report.
    /// - Throws: 422 listing both kinds of problem; 400 for a bad override parameter; what `validate` throws.
    /// `more` are further problems found against stored lists (e.g. an unknown case subject), reported with them.
    static func along<Result>(_ ctx: RequestContext, texts: [String], at pointer: String, held: Set<CARC> = [],
                              more: [FieldError] = [], validate: () throws -> Result) throws -> Result {
        let added = texts.enumerated().compactMap { index, text in CARC(text).map { (index, $0) } }.filter { !held.contains($0.1) }
        let unlisted = try problems(ctx, added.map(\.1)) { .pointer("\(pointer)/\(added[$0].0)") } + more
        let result: Result
        do {
            result = try validate()
        } catch let error as APIError where error.slug == "validation-failed" {
            throw APIError.validation(error.errors + unlisted)
        }
        if !unlisted.isEmpty { throw APIError.validation(unlisted) }
        return result
    }

    /// Throws 422 with `problems(...)` when there are any.
    static func require(_ ctx: RequestContext, _ carcs: [CARC], located: (Int) -> FieldError.Location) throws {
        let errors = try problems(ctx, carcs, located: located)
        if !errors.isEmpty { throw APIError.validation(errors) }
    }
}
