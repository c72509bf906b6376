import CaseworkDomain

/// A bearer token as its owner may see it: never the secret, only when it was made, last used and revoked.
public struct TokenRecord: Sendable, Hashable {
    public var id: String
    public var createdAt: Instant
    /// To the minute: uses within a minute of the last recorded one are not written.
    public var lastUsedAt: Instant?
    public var revokedAt: Instant?

    public init(id: String, createdAt: Instant, lastUsedAt: Instant?, revokedAt: Instant?) {
        self.id = id; self.createdAt = createdAt; self.lastUsedAt = lastUsedAt; self.revokedAt = revokedAt
    }
}
