import CaseworkDomain
import CaseworkUseCases

/// `/v1/codes/carc` and `/v1/codes/rarc`: the published code lists with their meanings.
enum CodeRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("GET", "/v1/codes/{list}") { ctx in
            let name = ctx.parameter("list")
            guard let kind = CodeListKind(rawValue: name) else { throw APIError.notFound("code list", name) }
            let (summary, entries) = try ctx.store.codes.list(kind)
            let today = ctx.today
            return Responses.json(.object([
                ("list", .string(kind.rawValue)), ("source", .optional(summary?.source)), ("date", .optional(summary?.date)),
                ("imported_at", .optional(summary?.importedAt.description)),
                ("items", .array(entries.map { entry(for: $0, today: today) })), ("next_cursor", .null),
            ]))
        }
    }

    static func entry(for e: CodeEntry, today: Day) -> JSONValue {
        .object([("code", .string(e.code)), ("description", .string(e.description)), ("starts_on", .optional(e.startsOn?.description)),
                 ("stops_on", .optional(e.stopsOn?.description)), ("retired", .bool(e.isRetired(on: today)))])
    }
}
