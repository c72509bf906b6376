import CaseworkDomain
import CaseworkUseCases

/// Reads of the organization's ordered work rules (changes are `WorkRuleWork`'s, in CaseworkUseCases).
public struct WorkRuleRepository: Sendable {
    let database: any SQLDatabase

    /// Every rule in order.
    public func list(organizationID: String) throws -> [WorkRule] {
        try database.read { db in try Self.rules(db, organizationID: organizationID) }
    }

    public func get(organizationID: String, id: String) throws -> WorkRule? {
        try database.read { db in try Self.rule(db, organizationID: organizationID, id: id) }
    }

    static func columns(_ rule: WorkRule) -> [SQLValue] {
        [.text(rule.name), SQLValue(rule.payerID), SQLValue(rule.category), SQLValue(rule.carc?.description),
         SQLValue(rule.minimumDeniedAmount?.amount), .text(rule.action.rawValue), SQLValue(rule.owner?.kind), SQLValue(rule.owner?.id),
         .text(rule.priority.rawValue), SQLValue(rule.followUpDays)]
    }

    static func rules(_ db: any SQLExecutor, organizationID: String) throws -> [WorkRule] {
        try db.query("SELECT * FROM work_rules WHERE organization_id = ? ORDER BY position, id", [.text(organizationID)]).map(rule)
    }

    static func rule(_ db: any SQLExecutor, organizationID: String, id: String, locked: Bool = false) throws -> WorkRule? {
        try db.queryOne("SELECT * FROM work_rules WHERE organization_id = ? AND id = ?" + (locked ? db.dialect.lockForUpdate : ""),
                        [.text(organizationID), .text(id)]).map(rule)
    }

    static func rule(_ row: SQLRow) -> WorkRule {
        WorkRule(id: row.string("id"), position: row.int("position"), name: row.string("name"), payerID: row.optionalString("payer_id"),
                 category: row.optionalString("category"), carc: row.optionalString("carc").flatMap(CARC.init),
                 minimumDeniedAmount: row.optionalInt("minimum_denied_cents").map(Cents.init),
                 action: WorkRule.Action(rawValue: row.string("action")) ?? .leave,
                 owner: row.optionalString("owner_type").flatMap { Owner(kind: $0, id: row.optionalString("owner_id") ?? "") },
                 priority: Priority(rawValue: row.string("priority")) ?? .normal, followUpDays: row.optionalInt("follow_up_days"))
    }
}
