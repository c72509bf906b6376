import CaseworkDomain
import CaseworkUseCases

/// Checks CARCs a client sends against the stored CARC list: a code the list does not have, one
/// retired before the organization's today or one whose first day is still to come is 422 naming
/// it — unless the request carries `?allow_unlisted_codes=true`, for entering historical data.
enum CodeCheck {
    /// The query parameter that lets unlisted, retired and not yet valid CARCs through.
    static let overrideParameter = "allow_unlisted_codes"

    /// Whether the request carries `?allow_unlisted_codes=true`. Read before the body, so that a bad
    /// value is 400 whatever the body holds.
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

    /// Throws 422 with one error per CARC not in use today, unless the request overrides the check.
    /// - Throws: 400 for a bad override parameter.
    static func require(_ ctx: RequestContext, _ carcs: [CARC], located: (Int) -> FieldError.Location) throws {
        try require(ctx, reasons: carcs.map { ($0.code, $0.description) }, located: located)
    }

    /// The same for reason codes without a group (`reasons` pairs each code with how the client wrote it).
    static func require(_ ctx: RequestContext, reasons: [(code: String, shown: String)], located: (Int) -> FieldError.Location) throws {
        guard try !overridden(ctx) else { return }
        let errors = try unlisted(ctx, reasons: reasons, located: located)
        if !errors.isEmpty { throw APIError.validation(errors) }
    }

    /// Runs `validate` (a body's own checks) and checks the CARCs written in `texts` (the body's list
    /// at `pointer`) in one go, so that a client sees format errors and unlisted codes in one answer;
    /// `more` are further problems found against stored lists (an unknown case subject), reported
    /// with them. Codes in `held` (already stored) are not checked, nor any when `allowUnlisted`
    /// (`overridden(_:)`, read before the body); texts that are no CARC are `validate`'s to report.
    /// - Throws: 422 listing every problem; what `validate` throws.
    static func along<Result>(_ ctx: RequestContext, allowUnlisted: Bool, texts: [String], at pointer: String,
                              held: Set<CARC> = [], more: [FieldError] = [], validate: () throws -> Result) throws -> Result {
        var found = more
        if !allowUnlisted {
            let added = texts.enumerated().compactMap { index, text in CARC(text).map { (index, $0) } }.filter { !held.contains($0.1) }
            found = try unlisted(ctx, reasons: added.map { ($0.1.code, $0.1.description) }) { .pointer("\(pointer)/\(added[$0].0)") }
                + more
        }
        let result: Result
        do {
            result = try validate()
        } catch let error as APIError where error.slug == "validation-failed" {
            throw APIError.validation(error.errors + found)
        }
        if !found.isEmpty { throw APIError.validation(found) }
        return result
    }

    /// One error per reason code not in use today, at its location (`located` maps a code's index to it).
    private static func unlisted(_ ctx: RequestContext, reasons: [(code: String, shown: String)],
                                 located: (Int) -> FieldError.Location) throws -> [FieldError] {
        guard !reasons.isEmpty else { return [] }
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
}
