import CaseworkDomain
import CaseworkUseCases
import Foundation

/// Reads of bearer tokens, stored only as their SHA-256 (hex): a caller's list, and authentication.
/// (Issuing and revoking are `TokenWork`'s, in CaseworkUseCases.)
public struct TokenRepository: Sendable {
    let database: any SQLDatabase
    /// Where a token's last use is recorded, after the request that used it.
    let deferred: DeferredWrites

    /// The caller's own tokens, newest first (never their secrets), with every use recorded so far.
    public func list(caller: Caller) throws -> [TokenRecord] {
        deferred.drain()
        return try database.read { db in
            try db.query("SELECT * FROM api_tokens WHERE organization_id = ? AND user_id = ? ORDER BY created_at DESC, id DESC",
                         [.text(caller.organizationID), .text(caller.userID)]).map(Self.record)
        }
    }

    static func record(_ row: SQLRow) -> TokenRecord {
        TokenRecord(id: row.string("id"), createdAt: Instant(row.string("created_at")) ?? Instant(secondsSinceEpoch: 0),
                    lastUsedAt: row.optionalString("last_used_at").flatMap(Instant.init),
                    revokedAt: row.optionalString("revoked_at").flatMap(Instant.init))
    }

    /// The caller a presented token stands for, or nil when it is unknown or revoked.
    /// The lookup is by SHA-256 digest; the stored digest is then compared in constant time.
    /// Records the last use, at most once a minute per token, after the request (`DeferredWrites`:
    /// a request never waits for the database's writer to note it).
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
            deferred.add([.tokenUse(id: found.tokenID, at: now.description)])
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
