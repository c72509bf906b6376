import CaseworkDomain
import Foundation

/// A stored answer to a POST sent with an `Idempotency-Key`.
public struct StoredResponse: Sendable, Hashable {
    /// SHA-256 of the request it answered (method, target, body).
    public var fingerprint: String
    public var status: Int
    public var headers: [[String]]
    public var body: [UInt8]
    /// False for an answer whose body was streamed and not kept: a retry acts again.
    public var replayable: Bool

    public init(fingerprint: String, status: Int, headers: [[String]], body: [UInt8], replayable: Bool = true) {
        self.fingerprint = fingerprint; self.status = status; self.headers = headers; self.body = body; self.replayable = replayable
    }
}

/// What `IdempotencyRepository.once` did: replayed a stored answer, or acted.
public enum IdempotentOutcome<Answer> {
    case replayed(StoredResponse)
    case acted(Answer)
}

/// Answers kept per (organization, user, key) for `retention` seconds (24 hours).
public struct IdempotencyRepository: Sendable {
    let database: any SQLDatabase
    /// How long an answer is replayed.
    public static let retention: Int64 = 24 * 60 * 60

    /// Either the answer stored under the key, or `act`'s answer with its record written in the
    /// same write transaction as everything `act` writes: the action and the record of its answer
    /// commit together or not at all, so a crash between them cannot let a retry act twice, and
    /// concurrent requests with one key (in this process or another) take turns on the write lock.
    /// `act` returns its answer and the form to store (nil: store nothing, e.g. a secret). A stored
    /// answer that is not replayable, for the same request (`fingerprint`), lets `act` run again.
    /// - Throws: storage errors; what `act` throws (then nothing it wrote is kept).
    public func once<Answer>(organizationID: String, userID: String, key: String, fingerprint: String,
                             act: () throws -> (answer: Answer, stored: StoredResponse?)) throws -> IdempotentOutcome<Answer> {
        try database.write { db in
            // A retry waits here for the request still acting under its key (another server's too).
            try db.lockKey("idempotency \(organizationID) \(userID) \(key)")
            if let stored = try find(organizationID: organizationID, userID: userID, key: key),
               stored.replayable || stored.fingerprint != fingerprint {
                return .replayed(stored)
            }
            let (answer, stored) = try act()
            if let stored { try save(organizationID: organizationID, userID: userID, key: key, response: stored) }
            return .acted(answer)
        }
    }

    /// The answer stored under the key within the retention period, or nil.
    func find(organizationID: String, userID: String, key: String) throws -> StoredResponse? {
        let oldest = Instant(secondsSinceEpoch: Instant.now().secondsSinceEpoch - Self.retention).description
        return try database.read { db in
            guard let row = try db.queryOne(
                "SELECT * FROM idempotency_keys WHERE organization_id = ? AND user_id = ? AND key = ? AND created_at >= ?",
                [.text(organizationID), .text(userID), .text(key), .text(oldest)]) else { return nil }
            let headers = (try? JSONSerialization.jsonObject(with: Data(row.string("headers").utf8))) as? [[String]] ?? []
            guard case .blob(let body) = row["body"] else { return nil }
            return StoredResponse(fingerprint: row.string("fingerprint"), status: row.int("status"), headers: headers, body: body,
                                  replayable: row.int("replayable") == 1)
        }
    }

    /// Stores the answer under the key (replacing an expired one) and drops answers past retention.
    func save(organizationID: String, userID: String, key: String, response: StoredResponse) throws {
        let now = Instant.now()
        let oldest = Instant(secondsSinceEpoch: now.secondsSinceEpoch - Self.retention).description
        let headers = (try? JSONSerialization.data(withJSONObject: response.headers)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        try database.write { db in
            try db.execute("DELETE FROM idempotency_keys WHERE created_at < ?", [.text(oldest)])
            try db.execute(
                """
                INSERT INTO idempotency_keys (organization_id, user_id, key, fingerprint, status, headers, body, created_at,
                    replayable)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (organization_id, user_id, key) DO UPDATE SET fingerprint = excluded.fingerprint,
                    status = excluded.status, headers = excluded.headers, body = excluded.body, created_at = excluded.created_at,
                    replayable = excluded.replayable
                """,
                [.text(organizationID), .text(userID), .text(key), .text(response.fingerprint), SQLValue(response.status),
                 .text(headers), .blob(response.body), .text(now.description), SQLValue(response.replayable ? 1 : 0)])
        }
    }
}
