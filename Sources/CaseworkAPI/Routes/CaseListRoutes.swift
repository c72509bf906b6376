import CaseworkDomain
import CaseworkStorage
import HTTPServer

/// `GET /v1/cases?view=…`: the six saved views with filters, sort and keyset pagination.
enum CaseListRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("GET", "/v1/cases") { ctx in
            let query = try caseQuery(ctx.request.query)
            var q = QueryReader(ctx.request.query)
            let page = q.page()
            try q.check()
            let result = try ctx.store.cases.list(caller: ctx.caller, query: query, page: page)
            return Responses.page(result.items.map(CaseRepresentation.case), nextCursor: result.nextCursor)
        }
    }

    /// Reads `view`, the filters and `sort` (`created_at`, `-created_at`, ...; `-` means descending).
    /// - Throws: 400 naming each bad parameter.
    static func caseQuery(_ query: QueryParameters) throws -> CaseQuery {
        var q = QueryReader(query)
        let view = q.choice("view", CaseView.self) ?? .all
        var owner: Owner?
        if let text = q.string("owner") {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2, let parsed = Owner(kind: parts[0], id: parts[1]) { owner = parsed } else {
                q.fail("owner", "Use user:<id> or team:<id>.")
            }
        }
        var sort = CaseQuery.SortKey.createdAt
        var descending = true
        if let text = q.string("sort") {
            let name = text.hasPrefix("-") ? String(text.dropFirst()) : text
            if let key = CaseQuery.SortKey(rawValue: name) {
                sort = key
                descending = text.hasPrefix("-")
            } else {
                q.fail("sort", "Use one of \(CaseQuery.SortKey.allCases.map(\.rawValue).joined(separator: ", ")), with - in front for descending.")
            }
        }
        let result = CaseQuery(view: view, payerID: q.string("payer_id"), owner: owner, subject: q.string("subject"),
                               priority: q.choice("priority", Priority.self), tag: q.string("tag"), carcCode: q.carc("carc_code"),
                               followUpBefore: q.day("follow_up_before"), followUpAfter: q.day("follow_up_after"),
                               overdue: q.bool("overdue") ?? false, sort: sort, descending: descending, today: Instant.now().day)
        try q.check()
        return result
    }
}
