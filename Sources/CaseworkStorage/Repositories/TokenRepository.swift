import CaseworkDomain
import CaseworkUseCases
import Foundation

/// Bearer tokens: 256 random bits shown once, stored only as their SHA-256 (hex).
public struct TokenRepository: Sendable {
    let database: any SQLDatabase

    /// Issues a token for `userID`; returns the plaintext (`cw_` + 64 hex digits), never stored.
    public func create(organizationID: String, userID: String, actorID: String?) throws -> String {
        try issue(organizationID: organizationID, userID: userID, actorID: actorID).token
    }

    /// Issues a token for `userID`; returns its record and the plaintext, shown this once.
    public func issue(organizationID: String, userID: String, actorID: String?) throws -> (record: TokenRecord, token: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = "cw_" + Hex.encode(bytes)
        let record = try database.write { db in
            guard try db.queryOne("SELECT 1 AS found FROM users WHERE organization_id = ? AND id = ?",
                                  [.text(organizationID), .text(userID)]) != nil else {
                throw StorageError.notFound(entity: "user", id: userID)
            }
            let id = Identifier.make("tok")
            let now = Instant.now().description
            try db.execute("INSERT INTO api_tokens (id, organization_id, user_id, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                           [.text(id), .text(organizationID), .text(userID), .text(Self.digest(token)), .text(now)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "token", entityID: id,
                                action: "create", changes: [.init(field: "user_id", before: AuditChange.value(nil), after: userID)], at: now)
            return TokenRecord(id: id, createdAt: Instant(now) ?? Instant.now(), lastUsedAt: nil, revokedAt: nil)
        }
        return (record, token)
    }

    /// The caller's own tokens, newest first (never their secrets).
    public func list(caller: Caller) throws -> [TokenRecord] {
        try database.read { db in
            try db.query("SELECT * FROM api_tokens WHERE organization_id = ? AND user_id = ? ORDER BY created_at DESC, id DESC",
                         [.text(caller.organizationID), .text(caller.userID)]).map(Self.record)
        }
    }

    /// Revokes one of the caller's own tokens; it fails authentication from the next request on.
    /// - Throws: `StorageError.notFound` for a token that is not the caller's.
    public func revoke(caller: Caller, id: String) throws -> TokenRecord {
        try database.write { db in
            guard let row = try db.queryOne("SELECT * FROM api_tokens WHERE organization_id = ? AND user_id = ? AND id = ?",
                                            [.text(caller.organizationID), .text(caller.userID), .text(id)]) else {
                throw StorageError.notFound(entity: "token", id: id)
            }
            var record = Self.record(row)
            guard record.revokedAt == nil else { return record }
            let now = Instant.now()
            try db.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", [.text(now.description), .text(id)])
            try AuditLog.record(db, organizationID: caller.organizationID, actorID: caller.userID, entityType: "token", entityID: id,
                                action: "revoke", changes: [.init(field: "revoked_at", before: AuditChange.value(nil), after: now.description)],
                                at: now.description)
            record.revokedAt = now
            return record
        }
    }

    static func record(_ row: SQLRow) -> TokenRecord {
        TokenRecord(id: row.string("id"), createdAt: Instant(row.string("created_at")) ?? Instant(secondsSinceEpoch: 0),
                    lastUsedAt: row.optionalString("last_used_at").flatMap(Instant.init),
                    revokedAt: row.optionalString("revoked_at").flatMap(Instant.init))
    }

    /// The caller a presented token stands for, or nil when it is unknown or revoked.
    /// The lookup is by SHA-256 digest; the stored digest is then compared in constant time.
    /// Records the last use, at most once a minute per token (so reads rarely write).
    public func authenticate(token: String) throws -> Caller? {
        guard token.utf8.count <= 256 else { return nil }
        let digest = Self.digest(token)
        let found = try database.read { db -> (caller: Caller, tokenID: String, lastUsed: String?)? in
            guard let row = try db.queryOne(
                """
                SELECT u.*, o.time_zone, t.id AS token_id, t.token_sha256, t.last_used_at
                FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN organizations o ON o.id = u.organization_id
                WHERE t.token_sha256 = ? AND t.revoked_at IS NULL
                """, [.text(digest)]), Self.constantTimeEqual(row.string("token_sha256"), digest) else { return nil }
            let user = UserRepository.user(row)
            let teams = try db.query("SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id", [.text(user.id)])
                .map { $0.string("team_id") }
            return (Caller(user: user, teamIDs: teams, timeZone: row.string("time_zone")), row.string("token_id"), row.optionalString("last_used_at"))
        }
        guard let found else { return nil }
        let now = Instant.now()
        if found.lastUsed.flatMap(Instant.init).map({ now.secondsSinceEpoch - $0.secondsSinceEpoch >= 60 }) ?? true {
            try database.write { db in
                try db.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [.text(now.description), .text(found.tokenID)])
            }
        }
        return found.caller
    }

    /// Equal strings compared without an early exit on the first difference.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Lower-case hex SHA-256 of the token's UTF-8 bytes.
    static func digest(_ token: String) -> String { Hex.sha256(Array(token.utf8)) }
}
