import CaseworkDomain
import Crypto
import Foundation

/// Bearer tokens: 256 random bits shown once, stored only as their SHA-256 (hex).
public struct TokenRepository: Sendable {
    let database: SQLiteDatabase

    /// Issues a token for `userID`; returns the plaintext (`cw_` + 64 hex digits), never stored.
    public func create(organizationID: String, userID: String, actorID: String?) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = "cw_" + bytes.map { String(format: "%02x", $0) }.joined()
        try database.write { db in
            guard try db.queryOne("SELECT 1 AS found FROM users WHERE organization_id = ? AND id = ?",
                                  [.text(organizationID), .text(userID)]) != nil else {
                throw StorageError.notFound(entity: "user", id: userID)
            }
            let id = Identifier.make("tok")
            let now = Instant.now().description
            try db.execute("INSERT INTO api_tokens (id, organization_id, user_id, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                           [.text(id), .text(organizationID), .text(userID), .text(Self.digest(token)), .text(now)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "token", entityID: id,
                                action: "create", changes: [.init(field: "user_id", before: AuditLog.value(nil), after: userID)], at: now)
        }
        return token
    }

    /// The caller a presented token stands for, or nil when it is unknown or revoked.
    /// The lookup is by digest, so no comparison of secrets happens in Swift code.
    public func authenticate(token: String) throws -> Caller? {
        guard token.utf8.count <= 256 else { return nil }
        let digest = Self.digest(token)
        return try database.read { db in
            guard let row = try db.queryOne(
                """
                SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_sha256 = ? AND t.revoked_at IS NULL
                """, [.text(digest)]) else { return nil }
            let user = UserRepository.user(row)
            let teams = try db.query("SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id", [.text(user.id)])
                .map { $0.string("team_id") }
            return Caller(user: user, teamIDs: teams)
        }
    }

    /// Lower-case hex SHA-256 of the token's UTF-8 bytes.
    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
