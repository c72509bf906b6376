import CaseworkDomain
import CaseworkUseCases

/// The organizations' part of the gateway: `organizations`, `subjects` and `denial_categories`.
extension SQLTransaction {
    func lockOrganization(organizationID: String) throws {
        try db.lockOrganization(organizationID)
    }

    func expectManyRows() throws {
        try db.planForGrowingTables()
    }

    func organizationNameTaken(_ name: String) throws -> Bool {
        try db.queryOne("SELECT 1 AS found FROM organizations WHERE name = ?", [.text(name)]) != nil
    }

    func insertOrganization(id: String, name: String, subjects: [String], at: Instant) throws {
        try db.execute("INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)", [.text(id), .text(name), .text(at.description)])
        for (position, subject) in subjects.enumerated() {
            try insertSubject(organizationID: id, name: subject, position: position)
        }
    }

    func nextSubjectPosition(organizationID: String) throws -> Int {
        try db.queryOne("SELECT COALESCE(MAX(position), -1) + 1 AS next FROM subjects WHERE organization_id = ?",
                        [.text(organizationID)])?.int("next") ?? 0
    }

    func insertSubject(organizationID: String, name: String, position: Int) throws {
        try db.execute("INSERT INTO subjects (organization_id, name, position) VALUES (?, ?, ?)",
                       [.text(organizationID), .text(name), SQLValue(position)])
    }

    func settingsForChange(organizationID: String) throws -> OrganizationSettings? {
        try OrganizationRepository.settings(db, organizationID: organizationID, locked: true)
    }

    func updateSettings(_ settings: OrganizationSettings, organizationID: String) throws {
        try db.execute("UPDATE organizations SET auto_resolve_paid_cases = ?, time_zone = ? WHERE id = ?",
                       [SQLValue(settings.autoResolvePaidCases), .text(settings.timeZone), .text(organizationID)])
    }

    func saveDenialCategory(organizationID: String, carcCode: String, subject: String, at: Instant) throws {
        try db.execute(
            """
            INSERT INTO denial_categories (organization_id, carc_code, subject, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (organization_id, carc_code) DO UPDATE SET subject = excluded.subject, updated_at = excluded.updated_at
            """, [.text(organizationID), .text(carcCode), .text(subject), .text(at.description)])
    }
}
