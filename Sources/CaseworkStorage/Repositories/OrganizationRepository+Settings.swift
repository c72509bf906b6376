import CaseworkDomain

/// An organization's settings.
public struct OrganizationSettings: Sendable, Hashable {
    /// Resolve an awaiting-payment case, with a note, once a payment leaves nothing outstanding on
    /// its claims (else it is flagged `payment_received`). Default off.
    public var autoResolvePaidCases: Bool

    public init(autoResolvePaidCases: Bool) { self.autoResolvePaidCases = autoResolvePaidCases }
}

extension OrganizationRepository {
    public func settings(organizationID: String) throws -> OrganizationSettings {
        try database.read { db in
            OrganizationSettings(autoResolvePaidCases: try db.queryOne("SELECT auto_resolve_paid_cases FROM organizations WHERE id = ?",
                                                                       [.text(organizationID)])?.int("auto_resolve_paid_cases") == 1)
        }
    }

    /// Saves the settings, auditing a change.
    public func update(organizationID: String, settings: OrganizationSettings, actorID: String?) throws -> OrganizationSettings {
        try database.write { db in
            let before = try db.queryOne("SELECT auto_resolve_paid_cases FROM organizations WHERE id = ?", [.text(organizationID)])?
                .int("auto_resolve_paid_cases") == 1
            guard before != settings.autoResolvePaidCases else { return settings }
            try db.execute("UPDATE organizations SET auto_resolve_paid_cases = ? WHERE id = ?",
                           [SQLValue(settings.autoResolvePaidCases), .text(organizationID)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "organization", entityID: organizationID,
                                action: "update", changes: [.init(field: "auto_resolve_paid_cases", before: before, after: settings.autoResolvePaidCases)],
                                at: Instant.now().description)
            return settings
        }
    }
}
