import CaseworkDomain

/// One audit event: who changed (or, for patients, read) what and when.
public struct AuditEvent: Sendable {
    public var id: Int
    public var actorID: String?
    public var entityType: String
    public var entityID: String
    public var action: String
    /// `{"field": {"before": …, "after": …}}` as JSON text.
    public var changes: String
    public var at: Instant

    /// A value with every field given (as documented on the type).
    public init(id: Int, actorID: String?, entityType: String, entityID: String, action: String, changes: String, at: Instant) {
        self.id = id; self.actorID = actorID; self.entityType = entityType; self.entityID = entityID; self.action = action; self.changes = changes; self.at = at
    }
}

/// Filters of the organization's audit log; nil members do not filter.
public struct AuditFilter: Sendable {
    public var entityType: String?
    public var entityID: String?
    public var actorID: String?
    /// Events on or after this instant.
    public var from: Instant?
    /// Events before this instant.
    public var to: Instant?

    public init(entityType: String? = nil, entityID: String? = nil, actorID: String? = nil, from: Instant? = nil, to: Instant? = nil) {
        self.entityType = entityType; self.entityID = entityID; self.actorID = actorID; self.from = from; self.to = to
    }
}
