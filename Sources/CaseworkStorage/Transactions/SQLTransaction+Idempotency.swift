import CaseworkDomain
import CaseworkUseCases
import Foundation

/// Stored answers of idempotent requests as rows of `idempotency_keys` (headers as a JSON array of
/// `[name, value]` pairs, the body as a blob).
extension SQLTransaction {
    func lockIdempotencyKey(organizationID: String, userID: String, key: String) throws {
        try db.lockKey("idempotency \(organizationID) \(userID) \(key)")
    }

    func storedAnswer(organizationID: String, userID: String, key: String, since: Instant) throws -> StoredResponse? {
        guard let row = try db.queryOne(
            "SELECT * FROM idempotency_keys WHERE organization_id = ? AND user_id = ? AND key = ? AND created_at >= ?",
            [.text(organizationID), .text(userID), .text(key), .text(since.description)]) else { return nil }
        let headers = (try? JSONSerialization.jsonObject(with: Data(row.string("headers").utf8))) as? [[String]] ?? []
        guard case .blob(let body) = row["body"] else { return nil }
        return StoredResponse(fingerprint: row.string("fingerprint"), status: row.int("status"), headers: headers, body: body,
                              replayable: row.int("replayable") == 1)
    }

    func saveAnswer(_ answer: StoredResponse, organizationID: String, userID: String, key: String, at: Instant) throws {
        let headers = (try? JSONSerialization.data(withJSONObject: answer.headers)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        try db.execute(
            """
            INSERT INTO idempotency_keys (organization_id, user_id, key, fingerprint, status, headers, body, created_at, replayable)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (organization_id, user_id, key) DO UPDATE SET fingerprint = excluded.fingerprint,
                status = excluded.status, headers = excluded.headers, body = excluded.body, created_at = excluded.created_at,
                replayable = excluded.replayable
            """,
            [.text(organizationID), .text(userID), .text(key), .text(answer.fingerprint), SQLValue(answer.status),
             .text(headers), .blob(answer.body), .text(at.description), SQLValue(answer.replayable ? 1 : 0)])
    }

    func dropAnswers(before: Instant) throws {
        try db.execute("DELETE FROM idempotency_keys WHERE created_at < ?", [.text(before.description)])
    }
}
