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
                                               changes: [AuditChange(field: "name", before: AuditChange.value(nil), after: rule.name)], at: now))
            return rule
        }
    }

    /// Replaces a rule's fields with `input` (the API merges a PATCH into the current rule first);
    /// without a position it keeps its place.
    /// - Throws: `StorageError.notFound`; as `add`.
    public func update(caller: Caller, id: String, input: WorkRuleInput) throws -> WorkRule {
        try database.write { tx in
            guard let before = try tx.workRule(organizationID: caller.organizationID, id: id) else {
                throw StorageError.notFound(entity: "rule", id: id)
            }
            try Self.check(tx, organizationID: caller.organizationID, input)
            let rule = Self.rule(id: id, position: input.position ?? before.position, input)
            let now = ambient.now()
            try tx.updateWorkRule(rule, at: now)
            try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "work_rule",
                                               entityID: id, action: "update",
                                               changes: [AuditChange(field: "name", before: before.name, after: rule.name)], at: now))
            return rule
        }
    }

    /// Deletes a rule; cases it opened keep their link to its id for the record.
    /// - Throws: `StorageError.notFound`.
    public func delete(caller: Caller, id: String) throws {
        try database.write { tx in
            guard let before = try tx.workRule(organizationID: caller.organizationID, id: id) else {
                throw StorageError.notFound(entity: "rule", id: id)
            }
            try tx.deleteWorkRule(id: id)
            try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "work_rule",
                                               entityID: id, action: "delete",
                                               changes: [AuditChange(field: "name", before: before.name, after: AuditChange.value(nil))],
                                               at: ambient.now()))
        }
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
