extension OrganizationRepository {
    /// A number that moves forward with every committed change to what the organization's views,
    /// dashboards and cases show (kept by the triggers of migration 0003, and moved for every
    /// organization when a code list is replaced). Equal numbers mean equal data.
    public func dataVersion(organizationID: String) throws -> Int {
        try database.read { db in
            try db.queryOne("SELECT data_version FROM organizations WHERE id = ?", [.text(organizationID)])?.int("data_version") ?? 0
        }
    }
}
