import CaseworkUseCases
import Foundation
import HTTPServer

/// `Idempotency-Key` on POSTs: the first request with a key acts and its answer is stored in the
/// same transaction as the action; a retry with the same key and request gets that answer again
/// without acting; the same key with another request is refused (422). A retry that arrives while
/// the first is still running waits for it on the database's write lock (the stored answers
/// outlive restarts and are shared by every server on the database).
enum IdempotencyGate {
    /// Runs `act` once per (caller, key); see the type's description.
    /// - Throws: 400 for a malformed key, 422 when the key was used for another request.
    static func run(_ ctx: RequestContext, key: String, _ act: () throws -> HTTPResponse) throws -> HTTPResponse {
        guard ctx.request.headers.values("Idempotency-Key").count == 1,
              (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (33...126).contains($0) }) else {
            throw APIError(status: 400, slug: "invalid-header", title: "Invalid header",
                           detail: "Send one Idempotency-Key of 1 to 255 visible ASCII characters.",
                           errors: [FieldError(header: "Idempotency-Key", "Malformed key.")])
        }
        let fingerprint = Self.fingerprint(ctx.request)
        let outcome = try IdempotentRequests(database: ctx.store).once(organizationID: ctx.organizationID, userID: ctx.caller.userID,
                                                                     key: key, fingerprint: fingerprint) {
            let response = try act()
            // Answers marked no-store (a new token's secret) are never written down; a streamed
            // answer (a large file's summaries) keeps the key's request but not its body.
            guard response.status < 500, !(response.headers["Cache-Control"] ?? "").contains("no-store") else { return (response, nil) }
            guard response.stream == nil else {
                return (response, StoredResponse(fingerprint: fingerprint, status: response.status, headers: [], body: [], replayable: false))
            }
            return (response, StoredResponse(fingerprint: fingerprint, status: response.status,
                                             headers: response.headers.map { [$0.name, $0.value] }, body: response.body))
        }
        switch outcome {
        case .acted(let response):
            return response
        case .replayed(let stored):
            guard stored.fingerprint == fingerprint else {
                throw APIError(status: 422, slug: "idempotency-key-reused", title: "Idempotency-Key reused",
                               detail: "This Idempotency-Key was used for a different request in the last 24 hours.",
                               errors: [FieldError(header: "Idempotency-Key", "Used for another request.")])
            }
            var headers = HTTPHeaders(stored.headers.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil })
            headers.set("Idempotent-Replayed", "true")
            return HTTPResponse(status: stored.status, headers: headers, body: stored.body)
        }
    }

    /// SHA-256 (hex) of method, target and body.
    static func fingerprint(_ request: HTTPRequest) -> String {
        Hex.sha256(Array((request.method + " " + request.target + "\n").utf8), request.body)
    }
}
