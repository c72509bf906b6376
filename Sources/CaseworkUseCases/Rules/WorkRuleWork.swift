import CaseworkDomain

/// The use cases of the organization's ordered work rules (DESIGN §9): add, change, delete. Each
/// runs in one write transaction of `database`, at `ambient`'s time, and is audited.
public struct WorkRuleWork: Sendable {
    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Adds a rule; without a position it goes last.
    /// - Throws: `StorageError.invalidReference` for an unknown payer (`/payer_id`) or owner (`/owner/id`),
    ///   `.cannotWorkCases` for an owner who may not work cases; `CaseRuleViolation.unknownSubject` for a
    ///   category not on the subject list.
    public func add(caller: Caller, input: WorkRuleInput) throws -> WorkRule {
        try database.write { tx in
            try Self.check(tx, organizationID: caller.organizationID, input)
            let position = try input.position ?? tx.nextRulePosition(organizationID: caller.organizationID)
            let rule = Self.rule(id: ambient.newID("rule"), position: position, input)
            let now = ambient.now()
            try tx.insertWorkRule(rule, organizationID: caller.organizationID, at: now)
            try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "work_rule",
                                               entityID: rule.id, action: "create",
                                               changes: [AuditChange(field: "name", before: AuditValue.null, after: rule.name)], at: now))
            return rule
        }
    }

    /// Changes a rule: `change` gets the rule as stored, locked until the transaction ends (so two
    /// changes of different fields, on one server or several, never undo each other), and returns
    /// the fields it should have; without a position it keeps its place. The payer, category and
    /// owner of the result must exist. Each changed field is audited.
    /// - Throws: `StorageError.notFound`; what `change` throws; as `add`.
    public func update(caller: Caller, id: String, change: (WorkRuleInput) throws -> WorkRuleInput) throws -> WorkRule {
        try database.write { tx in
            guard let before = try tx.workRuleForChange(organizationID: caller.organizationID, id: id) else {
                throw StorageError.notFound(entity: "rule", id: id)
            }
            let input = try change(WorkRuleInput(before))
            try Self.check(tx, organizationID: caller.organizationID, input)
            let rule = Self.rule(id: id, position: input.position ?? before.position, input)
            let changes = Self.changes(from: before, to: rule)
            guard !changes.isEmpty else { return before }
            let now = ambient.now()
            try tx.updateWorkRule(rule, organizationID: caller.organizationID, at: now)
            try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "work_rule",
                                               entityID: id, action: "update", changes: changes, at: now))
            return rule
        }
    }

    /// Deletes a rule; cases it opened keep their link to its id for the record.
    /// - Throws: `StorageError.notFound`.
    public func delete(caller: Caller, id: String) throws {
        try database.write { tx in
            guard let before = try tx.workRuleForChange(organizationID: caller.organizationID, id: id) else {
                throw StorageError.notFound(entity: "rule", id: id)
            }
            try tx.deleteWorkRule(organizationID: caller.organizationID, id: id)
            try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "work_rule",
                                               entityID: id, action: "delete",
                                               changes: [AuditChange(field: "name", before: before.name, after: AuditValue.null)],
                                               at: ambient.now()))
        }
    }

    /// The fields that differ between two versions of a rule, named as the API names them.
    static func changes(from before: WorkRule, to after: WorkRule) -> [AuditChange] {
        var changes: [AuditChange] = []
        changes.note("name", before.name, after.name)
        changes.note("position", before.position, after.position)
        changes.note("payer_id", before.payerID, after.payerID)
        changes.note("category", before.category, after.category)
        changes.note("carc_code", before.carc?.description, after.carc?.description)
        changes.note("minimum_denied_cents", before.minimumDeniedAmount?.amount, after.minimumDeniedAmount?.amount)
        changes.note("action", before.action.rawValue, after.action.rawValue)
        changes.note("owner", before.owner?.reference, after.owner?.reference)
        changes.note("priority", before.priority.rawValue, after.priority.rawValue)
        changes.note("follow_up_days", before.followUpDays, after.followUpDays)
        return changes
    }

    /// The payer, category and owner a rule names must exist.
    static func check(_ tx: any ReadTransaction, organizationID: String, _ input: WorkRuleInput) throws {
        if let payer = input.payerID, try !tx.payerExists(organizationID: organizationID, payerID: payer) {
            throw StorageError.invalidReference(field: "/payer_id", id: payer)
        }
        if let category = input.category { try CaseOpening.requireSubject(tx, organizationID: organizationID, subject: category) }
        if let owner = input.owner { try CaseOpening.requireOwner(tx, organizationID: organizationID, owner: owner) }
    }

    static func rule(id: String, position: Int, _ input: WorkRuleInput) -> WorkRule {
        WorkRule(id: id, position: position, name: input.name, payerID: input.payerID, category: input.category, carc: input.carc,
                 minimumDeniedAmount: input.minimumDeniedAmount, action: input.action, owner: input.owner, priority: input.priority,
                 followUpDays: input.followUpDays)
    }
}
