import CaseworkDomain
import CaseworkUseCases

/// The work rules' part of the gateway: rows of `work_rules`.
extension SQLTransaction {
    func nextRulePosition(organizationID: String) throws -> Int {
        try db.queryOne("SELECT COALESCE(MAX(position), 0) + 1 AS next FROM work_rules WHERE organization_id = ?",
                        [.text(organizationID)])?.int("next") ?? 1
    }

    func workRuleForChange(organizationID: String, id: String) throws -> WorkRule? {
        try WorkRuleRepository.rule(db, organizationID: organizationID, id: id, locked: true)
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

    func updateWorkRule(_ rule: WorkRule, organizationID: String, at: Instant) throws {
        try db.execute(
            """
            UPDATE work_rules SET name = ?, payer_id = ?, category = ?, carc = ?, minimum_denied_cents = ?, action = ?,
                owner_type = ?, owner_id = ?, priority = ?, follow_up_days = ?, position = ?, updated_at = ?
            WHERE organization_id = ? AND id = ?
            """, WorkRuleRepository.columns(rule) + [SQLValue(rule.position), .text(at.description), .text(organizationID), .text(rule.id)])
    }

    func deleteWorkRule(organizationID: String, id: String) throws {
        try db.execute("DELETE FROM work_rules WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(id)])
    }
}
