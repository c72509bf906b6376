import CaseworkDomain
import CaseworkUseCases
import HTTPServer
import Metrics

/// `/v1/remittances`: X12 835 files posted to claims (DESIGN §9) and the payments they held.
enum RemittanceRoutes {
    /// The path files are posted to; `casework serve` gives it its own body limit.
    static let path = "/v1/remittances"
    /// The default largest 835 file accepted, in bytes: 64 MiB (larger: 413). `--max-remittance-bytes` changes it.
    static let defaultMaximumFileBytes = 64 << 20
    /// Answers for files of more payments than this are streamed rather than buffered.
    static let streamedAnswerPayments = 200
    /// `remittance_payments_posted_total` and `remittance_claims_posted_total` (payments new to the organization and their claims).
    static let paymentsPosted = Counter(label: "remittance_payments_posted_total")
    static let claimsPosted = Counter(label: "remittance_claims_posted_total")
    /// Media types an 835 body may be declared as.
    static let mediaTypes: Set<String> = ["application/edi-x12", "text/plain"]

    static func register(_ table: inout RouteTable) {
        table.add("POST", path) { ctx in
            let mediaType = (ctx.request.headers["Content-Type"] ?? "").split(separator: ";").first
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard mediaTypes.contains(mediaType) else {
                throw APIError(status: 415, slug: "unsupported-media-type", title: "Unsupported media type",
                               detail: "Send the 835 file itself as the body, with Content-Type application/edi-x12 (or text/plain).")
            }
            var q = QueryReader(ctx.request.query)
            let name = q.string("file_name")
            if let name, name.isEmpty || name.utf8.count > 200 { q.fail("file_name", "Use 1 to 200 bytes of text.") }
            try q.check()
            let result = try RemittancePosting(database: ctx.store).post(caller: ctx.caller, sourceName: name, today: ctx.today, bytes: ctx.request.body)
            let posted = result.payments.filter { !$0.duplicate }
            paymentsPosted.increment(by: posted.count)
            claimsPosted.increment(by: posted.map { $0.claimsMatched + $0.claimsCreated }.reduce(0, +))
            let status = result.postedAnything ? 201 : 200
            let headers = HTTPHeaders([("Content-Type", "application/json")])
            guard result.payments.count > streamedAnswerPayments else {
                var body: [UInt8] = []
                RemittanceRepresentation.write(result) { body += $0 }
                return HTTPResponse(status: status, headers: headers, body: body)
            }
            // A large file's answer is written while it is sent (chunked), never held whole; such an
            // answer is not kept for Idempotency-Key replay (a retry gets the summaries as duplicates).
            return HTTPResponse(status: status, headers: headers) { writer in
                try RemittanceRepresentation.write(result) { try writer.write($0) }
            }
        }
        table.add("GET", path) { ctx in
            var q = QueryReader(ctx.request.query)
            let filter = RemittanceFilter(payerID: q.string("payer_id"), traceNumber: q.string("trace_number"),
                                          paidFrom: q.day("payment_date_from"), paidTo: q.day("payment_date_to"))
            if let from = filter.paidFrom, let to = filter.paidTo, from > to {
                q.fail("payment_date_to", "Must not be before payment_date_from.")
            }
            let page = q.page()
            try q.check()
            let result = try ctx.store.remittances.list(organizationID: ctx.organizationID, filter: filter, page: page)
            return Responses.page(result.items.map(RemittanceRepresentation.payment), nextCursor: result.nextCursor)
        }
        table.addItem(path + "/{id}", entity: "remittance", fetch: { ctx, id in
            try ctx.store.remittances.detail(organizationID: ctx.organizationID, id: id).map { ($0, try CodeMeanings.load(ctx.store, remits: $0.claims)) }
        }, as: { RemittanceRepresentation.detail($0.0, meanings: $0.1) })
    }
}
