import CaseworkDomain
import CaseworkUseCases

/// The directory's part of the gateway: users, teams, subjects, payers, work rules and tokens.
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

    func payerName(payerID: String) throws -> String? {
        try db.queryOne("SELECT name FROM payers WHERE id = ?", [.text(payerID)])?.string("name")
    }

    func workRules(organizationID: String) throws -> [WorkRule] {
        try WorkRuleRepository.rules(db, organizationID: organizationID)
    }

    func workRule(organizationID: String, id: String) throws -> WorkRule? {
        try WorkRuleRepository.rule(db, organizationID: organizationID, id: id)
    }

    // MARK: RuleWrites

    func nextRulePosition(organizationID: String) throws -> Int {
        try db.queryOne("SELECT COALESCE(MAX(position), 0) + 1 AS next FROM work_rules WHERE organization_id = ?",
                        [.text(organizationID)])?.int("next") ?? 1
    }

    func insertWorkRule(_ rule: WorkRule, organizationID: String, at: Instant) throws {
        try db.execute(
            """
            INSERT INTO work_rules (id, organization_id, position, name, payer_id, category, carc, minimum_denied_cents, action,
                owner_type, owner_id, priority, follow_up_days, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(rule.id), .text(organizationID), SQLValue(rule.position)] + WorkRuleRepository.columns(rule)
                + [.text(at.description), .text(at.description)])
    }

    func updateWorkRule(_ rule: WorkRule, at: Instant) throws {
        try db.execute(
            """
            UPDATE work_rules SET name = ?, payer_id = ?, category = ?, carc = ?, minimum_denied_cents = ?, action = ?,
                owner_type = ?, owner_id = ?, priority = ?, follow_up_days = ?, position = ?, updated_at = ?
            WHERE id = ?
            """, WorkRuleRepository.columns(rule) + [SQLValue(rule.position), .text(at.description), .text(rule.id)])
    }

    func deleteWorkRule(id: String) throws {
        try db.execute("DELETE FROM work_rules WHERE id = ?", [.text(id)])
    }

    // MARK: TokenWrites

    func insertToken(_ record: TokenRecord, organizationID: String, userID: String, secret: String) throws {
        try db.execute("INSERT INTO api_tokens (id, organization_id, user_id, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                       [.text(record.id), .text(organizationID), .text(userID), .text(TokenRepository.digest(secret)),
                        .text(record.createdAt.description)])
    }

    func tokenForChange(organizationID: String, userID: String, id: String) throws -> TokenRecord? {
        try db.queryOne("SELECT * FROM api_tokens WHERE organization_id = ? AND user_id = ? AND id = ?" + db.dialect.lockForUpdate,
                        [.text(organizationID), .text(userID), .text(id)]).map(TokenRepository.record)
    }

    func revokeToken(id: String, at: Instant) throws {
        try db.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", [.text(at.description), .text(id)])
    }
}
