import CaseworkDomain
import CaseworkStorage

/// Checks CARCs a client sends against the stored CARC list: a code the list does not have, or
/// one retired before the organization's today, is 422 naming it — unless the request carries
/// `?allow_unlisted_codes=true`, for entering historical data.
enum CodeCheck {
    /// The query parameter that lets unlisted and retired CARCs through.
    static let overrideParameter = "allow_unlisted_codes"

    /// One error per unlisted or retired CARC, at its pointer (`located` maps a code's index to its location).
    /// - Throws: 400 when the override parameter is neither `true` nor `false`.
    static func problems(_ ctx: RequestContext, _ carcs: [CARC], located: (Int) -> FieldError.Location) throws -> [FieldError] {
        var query = QueryReader(ctx.request.query)
        let allowed = query.bool(overrideParameter) ?? false
        try query.check()
        guard !allowed, !carcs.isEmpty else { return [] }
        let standing = try ctx.store.codes.standing(.carc, codes: carcs.map(\.code), on: ctx.today)
        return carcs.enumerated().compactMap { index, carc in
            let detail: String
            switch standing[carc.code] ?? .unknown {
            case .current: return nil
            case .unknown:
                detail = "\(carc) is not in the CARC list (GET /v1/codes/carc); for historical data add ?\(overrideParameter)=true."
            case .retired(let lastDay):
                detail = "\(carc) was retired: CARC \(carc.code) was last in use on \(lastDay); for historical data add ?\(overrideParameter)=true."
            }
            var error = FieldError(pointer: "", detail)
            error.location = located(index)
            return error
        }
    }

    /// Throws 422 with `problems(...)` when there are any.
    static func require(_ ctx: RequestContext, _ carcs: [CARC], located: (Int) -> FieldError.Location) throws {
        let errors = try problems(ctx, carcs, located: located)
        if !errors.isEmpty { throw APIError.validation(errors) }
    }
}
