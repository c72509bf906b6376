import CaseworkDomain
import CaseworkUseCases

/// An organization's settings.
public struct OrganizationSettings: Sendable, Hashable {
    /// Resolve an awaiting-payment case, with a note, once a payment leaves nothing outstanding on
    /// its claims (else it is flagged `payment_received`). Default off.
    public var autoResolvePaidCases: Bool
    /// The IANA time zone whose calendar day is "today" for the organization. Default `UTC`.
    public var timeZone: String

    public init(autoResolvePaidCases: Bool, timeZone: String = "UTC") {
        self.autoResolvePaidCases = autoResolvePaidCases; self.timeZone = timeZone
    }
}

extension OrganizationRepository {
    public func settings(organizationID: String) throws -> OrganizationSettings {
        try database.read { db in try Self.settings(db, organizationID: organizationID) }
    }

    static func settings(_ db: any SQLExecutor, organizationID: String) throws -> OrganizationSettings {
        let row = try db.queryOne("SELECT auto_resolve_paid_cases, time_zone FROM organizations WHERE id = ?", [.text(organizationID)])
        return OrganizationSettings(autoResolvePaidCases: row?.int("auto_resolve_paid_cases") == 1, timeZone: row?.string("time_zone") ?? "UTC")
    }

    /// Saves the settings (the time zone name as given: the caller checks it), auditing each change.
    public func update(organizationID: String, settings: OrganizationSettings, actorID: String?) throws -> OrganizationSettings {
        try database.write { db in
            let before = try Self.settings(db, organizationID: organizationID)
            var changes: [AuditChange] = []
            if before.autoResolvePaidCases != settings.autoResolvePaidCases {
                changes.append(.init(field: "auto_resolve_paid_cases", before: before.autoResolvePaidCases, after: settings.autoResolvePaidCases))
            }
            if before.timeZone != settings.timeZone { changes.append(.init(field: "time_zone", before: before.timeZone, after: settings.timeZone)) }
            guard !changes.isEmpty else { return settings }
            try db.execute("UPDATE organizations SET auto_resolve_paid_cases = ?, time_zone = ? WHERE id = ?",
                           [SQLValue(settings.autoResolvePaidCases), .text(settings.timeZone), .text(organizationID)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "organization", entityID: organizationID,
                                action: "update", changes: changes, at: Instant.now().description)
            return settings
        }
    }
}
