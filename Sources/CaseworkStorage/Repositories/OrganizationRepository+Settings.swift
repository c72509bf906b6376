import CaseworkDomain
import CaseworkUseCases

extension OrganizationRepository {
    /// The organization's settings (the defaults for an unknown organization).
    public func settings(organizationID: String) throws -> OrganizationSettings {
        try database.read { db in
            try Self.settings(db, organizationID: organizationID, locked: false) ?? OrganizationSettings(autoResolvePaidCases: false)
        }
    }

    /// The organization's settings, nil when there is no such organization; `locked` holds its row
    /// against concurrent writers until the transaction ends (PostgreSQL).
    static func settings(_ db: any SQLExecutor, organizationID: String, locked: Bool) throws -> OrganizationSettings? {
        try db.queryOne("SELECT auto_resolve_paid_cases, time_zone FROM organizations WHERE id = ?" + (locked ? db.dialect.lockForUpdate : ""),
                        [.text(organizationID)])
            .map { OrganizationSettings(autoResolvePaidCases: $0.int("auto_resolve_paid_cases") == 1, timeZone: $0.string("time_zone")) }
    }
}
