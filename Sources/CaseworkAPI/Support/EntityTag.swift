import CaseworkDomain
import CaseworkUseCases
import HTTPServer

/// Strong entity tags computed from a representation's bytes (RFC 9110 §8.8.3): the tag changes
/// exactly when the bytes do, which is what polling widgets need.
enum EntityTag {
    /// `"<first 16 bytes of SHA-256 in hex>"`.
    static func of(_ body: [UInt8]) -> String {
        "\"" + Hex.sha256(body).prefix(32) + "\""
    }

    /// A JSON 200 with a content ETag, or a bodiless 304 when `If-None-Match` already names it.
    /// `compute` runs only when the organization's data changed since the representation for
    /// this caller, target and day was last computed.
    static func conditionalJSON(_ ctx: RequestContext, today: Day, _ compute: () throws -> JSONValue) throws -> HTTPResponse {
        try conditionalPatientPage(ctx, today: today) { (try compute(), 0) }
    }

    /// The same for a page whose rows name patients (`compute` counts them): each 200 that sends
    /// such rows is audited as one bulk patient read (action `list`, the query as filter);
    /// a 304 shows nothing new and is not.
    static func conditionalPatientPage(_ ctx: RequestContext, today: Day,
                                       _ compute: () throws -> (body: JSONValue, patientRows: Int)) throws -> HTTPResponse {
        let version = try ctx.store.organizations.dataVersion(organizationID: ctx.organizationID)
        let key = [ctx.organizationID, ctx.caller.userID, ctx.request.target, today.description].joined(separator: "\u{1F}")
        let entry = try ctx.caches.views.entry(for: key, at: version) {
            let (json, patientRows) = try compute()
            let body = json.serialized()
            return RepresentationCache.Entry(version: version, body: body, etag: of(body), patientRows: patientRows)
        }
        return answer(ctx, entry) { ctx.auditBulkPatientRead(rows: entry.patientRows) }
    }

    /// A bodiless 304 when `If-None-Match` names `entry`'s ETag, else a JSON 200 with its body once
    /// `audit` has recorded the read (a 304 shows nothing new and is not audited).
    static func answer(_ ctx: RequestContext, _ entry: RepresentationCache.Entry, audit: () -> Void) -> HTTPResponse {
        if ctx.request.condition("If-None-Match", names: entry.etag) {
            return HTTPResponse(status: 304, headers: HTTPHeaders([("ETag", entry.etag)]))
        }
        audit()
        return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json"), ("ETag", entry.etag)]), body: entry.body)
    }
}
