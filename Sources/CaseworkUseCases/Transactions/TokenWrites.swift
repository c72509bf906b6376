import CaseworkDomain

/// Writes of bearer tokens.
public protocol TokenWrites {
    /// Stores a new token of `userID`: its record, and the secret only as its SHA-256 digest.
    func insertToken(_ record: TokenRecord, organizationID: String, userID: String, secret: String) throws
    /// The token `id` of the user, locked against concurrent writers until the transaction ends; nil
    /// when the user has no such token.
    func tokenForChange(organizationID: String, userID: String, id: String) throws -> TokenRecord?
    /// Marks the token revoked `at`.
    func revokeToken(id: String, at: Instant) throws
}
