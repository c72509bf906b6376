import CaseworkDomain
import Foundation
import HTTPServer
import CaseworkUseCases

/// `GET /v1/cases?view=…`: the six saved views with filters, sort and keyset pagination.
enum CaseListRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("GET", "/v1/cases") { ctx in
            let query = try caseQuery(ctx.request.query, today: ctx.today)
            if wantsCSV(ctx.request) {
                // An export names a patient on every row: bulk PHI is for the people who work the cases.
                guard ctx.caller.user.role.includes(.biller) else {
                    throw APIError(status: 403, slug: "forbidden", title: "Forbidden",
                                   detail: "Exporting a view (patient names on every row) needs the biller role; you are \(ctx.caller.user.role.rawValue).")
                }
                return try csv(ctx, query)
            }
            var q = QueryReader(ctx.request.query)
            let page = q.page()
            try q.check()
            return try EntityTag.conditionalPatientPage(ctx, today: query.today) {
                let result = try ctx.store.cases.list(caller: ctx.caller, query: query, page: page)
                let meanings = try CodeMeanings.load(ctx.store, carcs: result.items.flatMap { $0.case.carcCodes.map(\.code) })
                return (.object([
                    ("items", .array(result.items.map { CaseRowRepresentation.row($0, today: query.today, meanings: meanings) })),
                    ("next_cursor", .optional(result.nextCursor)),
                ]), result.items.filter { $0.case.patientID != nil }.count)
            }
        }
        table.add("GET", "/v1/views") { ctx in
            try EntityTag.conditionalJSON(ctx, today: ctx.today) {
                let counts = try ctx.store.cases.viewCounts(caller: ctx.caller)
                return .object([("items", .array(CaseView.allCases.map { view in
                    .object([("view", .string(view.rawValue)), ("count", .int(counts[view] ?? 0)),
                             ("href", .string("/v1/cases?view=\(view.rawValue)"))])
                })), ("next_cursor", .null)])
            }
        }
    }

    /// Whether `Accept` ranks `text/csv` above JSON (RFC 9110 §12.5.1 quality values; JSON wins ties).
    static func wantsCSV(_ request: HTTPRequest) -> Bool {
        guard let accept = request.headers["Accept"]?.lowercased() else { return false }
        var csv = 0.0, json = 0.0
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch parts.first ?? "" {
            case "text/csv": csv = max(csv, quality)
            case "application/json", "application/*", "*/*": json = max(json, quality)
            default: break
            }
        }
        return csv > json
    }

    /// Every row of the view as CSV (RFC 4180, header line first), streamed: rows are read in
    /// keyset batches and each batch is written before the next is read, so memory stays flat
    /// and no database reader is held while the client reads. The export is audited as one bulk
    /// read of patient data (the query and the rows sent), also when the client leaves early.
    static func csv(_ ctx: RequestContext, _ query: CaseQuery) throws -> HTTPResponse {
        let store = ctx.store, caller = ctx.caller
        let filter = ctx.auditedQuery
        let headers = HTTPHeaders([("Content-Type", "text/csv; charset=utf-8; header=present"),
                                   ("Content-Disposition", "attachment; filename=\"cases.csv\"")])
        return HTTPResponse(status: 200, headers: headers) { writer in
            var sent = 0
            defer {
                // However far the client read: the rows sent are out.
                store.audit.recordBulkPatientRead(organizationID: caller.organizationID, actorID: caller.userID,
                                                  action: "export", filter: filter, rows: sent)
            }
            try writer.write(CaseRowRepresentation.csvHeader)
            try store.cases.forEachRow(caller: caller, query: query) { rows in
                var chunk: [UInt8] = []
                for row in rows { chunk += CaseRowRepresentation.csv(row, today: query.today) }
                try writer.write(chunk)
                sent += rows.count
                return true
            }
        }
    }

    /// Reads `view`, the filters and `sort` (`created_at`, `-created_at`, ...; `-` means descending).
    /// - Throws: 400 naming each bad parameter.
    static func caseQuery(_ query: QueryParameters, today: Day) throws -> CaseQuery {
        var q = QueryReader(query)
        let view = q.choice("view", CaseView.self) ?? .all
        var owner: Owner?
        if let text = q.string("owner") {
            if let parsed = Owner(reference: text) { owner = parsed } else {
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
                               overdue: q.bool("overdue") ?? false, deadlineBefore: q.day("deadline_before"),
                               paymentReceived: q.bool("payment_received"), agingBucket: q.choice("aging_bucket", AgingBucket.self),
                               status: q.choice("status", CaseStatus.self), search: q.search(), sort: sort, descending: descending, today: today)
        try q.check()
        return result
    }
}
