import CaseworkDomain
import CaseworkUseCases

/// The tokens' part of the gateway: rows of `api_tokens`, the secret kept only as its SHA-256.
extension SQLTransaction {
    func insertToken(_ record: TokenRecord, organizationID: String, userID: String, secret: String) throws {
        try db.execute("INSERT INTO api_tokens (id, organization_id, user_id, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                       [.text(record.id), .text(organizationID), .text(userID), .text(TokenRepository.digest(secret)),
                        .text(record.createdAt.description)])
    }

    func tokenForChange(organizationID: String, userID: String, id: String) throws -> TokenRecord? {
        try db.queryOne("SELECT * FROM api_tokens WHERE organization_id = ? AND user_id = ? AND id = ?" + db.dialect.lockForUpdate,
                        [.text(organizationID), .text(userID), .text(id)]).map(TokenRepository.record)
    }

    func revokeToken(id: String, at: Instant) throws {
        try db.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", [.text(at.description), .text(id)])
    }
}
