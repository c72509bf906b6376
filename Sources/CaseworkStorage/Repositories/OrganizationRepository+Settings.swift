import CaseworkDomain
import CaseworkUseCases

extension OrganizationRepository {
    public func settings(organizationID: String) throws -> OrganizationSettings {
        try database.read { db in try Self.settings(db, organizationID: organizationID) }
    }

    static func settings(_ db: any SQLExecutor, organizationID: String) throws -> OrganizationSettings {
        let row = try db.queryOne("SELECT auto_resolve_paid_cases, time_zone FROM organizations WHERE id = ?", [.text(organizationID)])
        return OrganizationSettings(autoResolvePaidCases: row?.int("auto_resolve_paid_cases") == 1, timeZone: row?.string("time_zone") ?? "UTC")
    }
}
