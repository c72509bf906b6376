import CaseworkDomain

/// One changed field of an audited entity: its value before and after.
public struct AuditChange: Equatable, Sendable {
    public let field: String
    public let before: AuditValue
    public let after: AuditValue

    /// The change of `field` from `before` to `after` (an optional's nil is written as JSON null).
    public init(field: String, before: some AuditValueConvertible, after: some AuditValueConvertible) {
        self.field = field; self.before = before.auditValue; self.after = after.auditValue
    }
}

extension [AuditChange] {
    /// Appends the change of `field` when `old` and `new` differ (nil is written as JSON null).
    mutating func note<T: Equatable & AuditValueConvertible>(_ field: String, _ old: T?, _ new: T?) {
        if old != new { append(AuditChange(field: field, before: old, after: new)) }
    }
}

/// One audit event: who (`actorID`, nil for the system) did `action` to which entity, and when.
public struct AuditEntry {
    public var organizationID: String
    public var actorID: String?
    public var entityType: String
    public var entityID: String
    public var action: String
    public var changes: [AuditChange]
    public var at: Instant

    public init(organizationID: String, actorID: String?, entityType: String, entityID: String, action: String,
                changes: [AuditChange], at: Instant) {
        self.organizationID = organizationID; self.actorID = actorID; self.entityType = entityType
        self.entityID = entityID; self.action = action; self.changes = changes; self.at = at
    }

    /// An event on a case by the caller.
    static func onCase(_ caseID: String, by caller: Caller, action: String, changes: [AuditChange], at: Instant) -> AuditEntry {
        AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "case", entityID: caseID,
                   action: action, changes: changes, at: at)
    }
}
