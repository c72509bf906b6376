import CaseworkDomain

/// The use cases of bearer tokens: issuing one (256 random bits, shown once, stored only as their
/// SHA-256) and revoking one. Each runs in one write transaction of `database`, at `ambient`'s
/// time, and is audited.
public struct TokenWork: Sendable {
    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Issues a token for the organization's user `userID`; returns its record and the secret
    /// (`cw_` + 64 lower-case hex digits), shown this once.
    /// - Parameter actorID: who issues it, for the audit log (nil: the command line).
    /// - Throws: `StorageError.notFound` for a user the organization does not have.
    public func issue(organizationID: String, userID: String, actorID: String?) throws -> (record: TokenRecord, token: String) {
        var generator = SystemRandomNumberGenerator()
        let secret = "cw_" + Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let record = try database.write { tx in
            guard try tx.userRole(organizationID: organizationID, userID: userID) != nil else {
                throw StorageError.notFound(entity: "user", id: userID)
            }
            let record = TokenRecord(id: ambient.newID("tok"), createdAt: ambient.now(), lastUsedAt: nil, revokedAt: nil)
            try tx.insertToken(record, organizationID: organizationID, userID: userID, secret: secret)
            try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "token", entityID: record.id,
                                               action: "create",
                                               changes: [AuditChange(field: "user_id", before: AuditValue.null, after: userID)],
                                               at: record.createdAt))
            return record
        }
        return (record, secret)
    }

    /// Revokes one of the caller's own tokens; it fails authentication from the next request on.
    /// Revoking a revoked token changes nothing and answers its record.
    /// - Throws: `StorageError.notFound` for a token that is not the caller's.
    public func revoke(caller: Caller, id: String) throws -> TokenRecord {
        try database.write { tx in
            guard var record = try tx.tokenForChange(organizationID: caller.organizationID, userID: caller.userID, id: id) else {
                throw StorageError.notFound(entity: "token", id: id)
            }
            guard record.revokedAt == nil else { return record }
            let now = ambient.now()
            try tx.revokeToken(id: id, at: now)
            try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "token",
                                               entityID: id, action: "revoke",
                                               changes: [AuditChange(field: "revoked_at", before: AuditValue.null, after: now.description)],
                                               at: now))
            record.revokedAt = now
            return record
        }
    }
}
