import CaseworkDomain
import CaseworkUseCases

/// The directory's part of the gateway: users, teams, subjects, payers, patients; work rules read.
extension SQLTransaction {
    // MARK: DirectoryReads

    func subjectExists(organizationID: String, subject: String) throws -> Bool {
        try db.queryOne("SELECT 1 AS found FROM subjects WHERE organization_id = ? AND name = ?", [.text(organizationID), .text(subject)]) != nil
    }

    func userRole(organizationID: String, userID: String) throws -> Role? {
        // A role this build does not know can do no more than view.
        try db.queryOne("SELECT role FROM users WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(userID)])
            .map { Role(rawValue: $0.string("role")) ?? .viewer }
    }

    func teamExists(organizationID: String, teamID: String) throws -> Bool {
        try db.queryOne("SELECT 1 AS found FROM teams WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(teamID)]) != nil
    }

    func payerExists(organizationID: String, payerID: String) throws -> Bool {
        try db.queryOne("SELECT 1 AS found FROM payers WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(payerID)]) != nil
    }

    func patientExists(organizationID: String, patientID: String) throws -> Bool {
        try db.queryOne("SELECT 1 AS found FROM patients WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(patientID)]) != nil
    }

    func payerID(organizationID: String, importKey: String) throws -> String? {
        try db.queryOne("SELECT id FROM payers WHERE organization_id = ? AND import_key = ?", [.text(organizationID), .text(importKey)])?
            .string("id")
    }

    func patientID(organizationID: String, importKey: String) throws -> String? {
        try db.queryOne("SELECT id FROM patients WHERE organization_id = ? AND import_key = ?", [.text(organizationID), .text(importKey)])?
            .string("id")
    }

    func payerName(payerID: String) throws -> String? {
        try db.queryOne("SELECT name FROM payers WHERE id = ?", [.text(payerID)])?.string("name")
    }

    func workRules(organizationID: String) throws -> [WorkRule] {
        try WorkRuleRepository.rules(db, organizationID: organizationID)
    }

    // MARK: DirectoryWrites

    func emailTaken(organizationID: String, email: String) throws -> Bool {
        try db.queryOne("SELECT 1 AS found FROM users WHERE organization_id = ? AND email = ?", [.text(organizationID), .text(email)]) != nil
    }

    func insertUser(_ user: User, at: Instant) throws {
        try db.execute("INSERT INTO users (id, organization_id, name, email, role, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       [.text(user.id), .text(user.organizationID), .text(user.name), .text(user.email), .text(user.role.rawValue),
                        .text(at.description)])
    }

    func teamForChange(organizationID: String, id: String) throws -> Team? {
        guard try db.queryOne("SELECT id FROM teams WHERE organization_id = ? AND id = ?" + db.dialect.lockForUpdate,
                              [.text(organizationID), .text(id)]) != nil else { return nil }
        return try UserRepository.team(db, organizationID: organizationID, id: id)
    }

    func teamNameTaken(organizationID: String, name: String, except teamID: String?) throws -> Bool {
        try db.queryOne("SELECT 1 AS found FROM teams WHERE organization_id = ? AND name = ? AND id <> ?",
                        [.text(organizationID), .text(name), .text(teamID ?? "")]) != nil
    }

    func insertTeam(_ team: Team, organizationID: String, at: Instant) throws {
        try db.execute("INSERT INTO teams (id, organization_id, name, created_at) VALUES (?, ?, ?, ?)",
                       [.text(team.id), .text(organizationID), .text(team.name), .text(at.description)])
        try insertMembers(team, organizationID: organizationID)
    }

    func updateTeam(_ team: Team, organizationID: String, membersChanged: Bool) throws {
        // Also when only the members change: the team row's update moves the organization's data
        // version, so cached "my open" views are recomputed.
        try db.execute("UPDATE teams SET name = ? WHERE organization_id = ? AND id = ?",
                       [.text(team.name), .text(organizationID), .text(team.id)])
        guard membersChanged else { return }
        try db.execute("DELETE FROM team_members WHERE organization_id = ? AND team_id = ?", [.text(organizationID), .text(team.id)])
        try insertMembers(team, organizationID: organizationID)
    }

    private func insertMembers(_ team: Team, organizationID: String) throws {
        for member in team.memberIDs {
            try db.execute("INSERT INTO team_members (organization_id, team_id, user_id) VALUES (?, ?, ?)",
                           [.text(organizationID), .text(team.id), .text(member)])
        }
    }

    func payerForChange(organizationID: String, id: String) throws -> Payer? {
        try db.queryOne("SELECT * FROM payers WHERE organization_id = ? AND id = ?" + db.dialect.lockForUpdate,
                        [.text(organizationID), .text(id)]).map(PayerRepository.payer)
    }

    func insertPayer(_ payer: Payer, organizationID: String, importKey: String?, at: Instant) throws {
        try db.execute(
            """
            INSERT INTO payers (id, organization_id, name, payer_id, kind, timely_filing_days, appeal_days, import_key, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(payer.id), .text(organizationID), .text(payer.name), SQLValue(payer.payerID), .text(payer.kind.rawValue),
             SQLValue(payer.timelyFilingDays), SQLValue(payer.appealDays), SQLValue(importKey), .text(at.description)])
    }

    func updatePayer(_ payer: Payer) throws {
        try db.execute("UPDATE payers SET name = ?, payer_id = ?, kind = ?, timely_filing_days = ?, appeal_days = ? WHERE id = ?",
                       [.text(payer.name), SQLValue(payer.payerID), .text(payer.kind.rawValue), SQLValue(payer.timelyFilingDays),
                        SQLValue(payer.appealDays), .text(payer.id)])
    }

    func insertPatient(_ patient: Patient, organizationID: String, importKey: String?, at: Instant) throws {
        try db.execute(
            """
            INSERT INTO patients (id, organization_id, first_name, last_name, birth_date, member_id, import_key, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(patient.id), .text(organizationID), .text(patient.firstName), .text(patient.lastName),
             SQLValue(patient.birthDate?.description), SQLValue(patient.memberID), SQLValue(importKey), .text(at.description)])
    }
}
