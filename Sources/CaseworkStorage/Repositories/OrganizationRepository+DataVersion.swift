extension OrganizationRepository {
    /// A number that moves forward with every committed change to what the organization's views
    /// and dashboards show (kept by the triggers of migration 0003). Equal numbers mean equal data.
    public func dataVersion(organizationID: String) throws -> Int {
        try database.read { db in
            try db.queryOne("SELECT data_version FROM organizations WHERE id = ?", [.text(organizationID)])?.int("data_version") ?? 0
        }
    }
}
