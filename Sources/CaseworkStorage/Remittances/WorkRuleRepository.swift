import CaseworkDomain
import CaseworkUseCases

/// What a rule is created or changed with; nil members of a change leave the field alone.
public struct WorkRuleInput: Sendable {
    public var name: String
    public var position: Int?
    public var payerID: String?
    public var category: String?
    public var carc: CARC?
    public var minimumDeniedAmount: Cents?
    public var action: WorkRule.Action
    public var owner: Owner?
    public var priority: Priority
    public var followUpDays: Int?

    public init(name: String, position: Int?, payerID: String?, category: String?, carc: CARC?, minimumDeniedAmount: Cents?,
                action: WorkRule.Action, owner: Owner?, priority: Priority, followUpDays: Int?) {
        self.name = name; self.position = position; self.payerID = payerID; self.category = category; self.carc = carc
        self.minimumDeniedAmount = minimumDeniedAmount; self.action = action; self.owner = owner; self.priority = priority
        self.followUpDays = followUpDays
    }

    public init(_ rule: WorkRule) {
        self.init(name: rule.name, position: rule.position, payerID: rule.payerID, category: rule.category, carc: rule.carc,
                  minimumDeniedAmount: rule.minimumDeniedAmount, action: rule.action, owner: rule.owner, priority: rule.priority,
                  followUpDays: rule.followUpDays)
    }
}

/// The organization's ordered work rules.
public struct WorkRuleRepository: Sendable {
    let database: any SQLDatabase

    /// Every rule in order.
    public func list(organizationID: String) throws -> [WorkRule] {
        try database.read { db in try Self.rules(db, organizationID: organizationID) }
    }

    public func get(organizationID: String, id: String) throws -> WorkRule? {
        try database.read { db in try Self.rule(db, organizationID: organizationID, id: id) }
    }

    /// Adds a rule; without a position it goes last.
    /// - Throws: `StorageError.invalidReference` for an unknown payer (`/payer_id`) or owner (`/owner/id`);
    ///   `CaseRuleViolation.unknownSubject` for a category not on the subject list.
    public func add(organizationID: String, input: WorkRuleInput, actorID: String) throws -> WorkRule {
        try database.write { db in
            try Self.check(db, organizationID: organizationID, input)
            let position = try input.position ?? (db.queryOne("SELECT COALESCE(MAX(position), 0) + 1 AS next FROM work_rules WHERE organization_id = ?",
                                                              [.text(organizationID)])?.int("next") ?? 1)
            let id = Identifier.make("rule")
            let now = Instant.now().description
            try db.execute(
                """
                INSERT INTO work_rules (id, organization_id, position, name, payer_id, category, carc, minimum_denied_cents, action,
                    owner_type, owner_id, priority, follow_up_days, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(id), .text(organizationID), SQLValue(position)] + Self.columns(input) + [.text(now), .text(now)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "work_rule", entityID: id, action: "create",
                                changes: [.init(field: "name", before: AuditChange.value(nil), after: input.name)], at: now)
            return try Self.rule(db, organizationID: organizationID, id: id)!
        }
    }

    /// Replaces a rule's fields with `input` (the API merges a PATCH into the current rule first).
    /// - Throws: `StorageError.notFound`; as `add`.
    public func update(organizationID: String, id: String, input: WorkRuleInput, actorID: String) throws -> WorkRule {
        try database.write { db in
            guard let before = try Self.rule(db, organizationID: organizationID, id: id) else { throw StorageError.notFound(entity: "rule", id: id) }
            try Self.check(db, organizationID: organizationID, input)
            let now = Instant.now().description
            try db.execute(
                """
                UPDATE work_rules SET name = ?, payer_id = ?, category = ?, carc = ?, minimum_denied_cents = ?, action = ?,
                    owner_type = ?, owner_id = ?, priority = ?, follow_up_days = ?, position = ?, updated_at = ?
                WHERE id = ?
                """, Self.columns(input) + [SQLValue(input.position ?? before.position), .text(now), .text(id)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "work_rule", entityID: id, action: "update",
                                changes: [.init(field: "name", before: before.name, after: input.name)], at: now)
            return try Self.rule(db, organizationID: organizationID, id: id)!
        }
    }

    /// Deletes a rule; cases it opened keep their link to its id for the record.
    /// - Throws: `StorageError.notFound`.
    public func delete(organizationID: String, id: String, actorID: String) throws {
        try database.write { db in
            guard let before = try Self.rule(db, organizationID: organizationID, id: id) else { throw StorageError.notFound(entity: "rule", id: id) }
            try db.execute("DELETE FROM work_rules WHERE id = ?", [.text(id)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "work_rule", entityID: id, action: "delete",
                                changes: [.init(field: "name", before: before.name, after: AuditChange.value(nil))], at: Instant.now().description)
        }
    }

    static func check(_ db: any SQLExecutor, organizationID: String, _ input: WorkRuleInput) throws {
        if let payer = input.payerID,
           try db.queryOne("SELECT 1 AS found FROM payers WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(payer)]) == nil {
            throw StorageError.invalidReference(field: "/payer_id", id: payer)
        }
        if let category = input.category { try CaseOpening.requireSubject(SQLTransaction(db), organizationID: organizationID, subject: category) }
        if let owner = input.owner { try CaseOpening.requireOwner(SQLTransaction(db), organizationID: organizationID, owner: owner) }
    }

    static func columns(_ input: WorkRuleInput) -> [SQLValue] {
        [.text(input.name), SQLValue(input.payerID), SQLValue(input.category), SQLValue(input.carc?.description),
         SQLValue(input.minimumDeniedAmount?.amount), .text(input.action.rawValue), SQLValue(input.owner?.kind), SQLValue(input.owner?.id),
         .text(input.priority.rawValue), SQLValue(input.followUpDays)]
    }

    static func rules(_ db: any SQLExecutor, organizationID: String) throws -> [WorkRule] {
        try db.query("SELECT * FROM work_rules WHERE organization_id = ? ORDER BY position, id", [.text(organizationID)]).map(rule)
    }

    static func rule(_ db: any SQLExecutor, organizationID: String, id: String) throws -> WorkRule? {
        try db.queryOne("SELECT * FROM work_rules WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(id)]).map(rule)
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
