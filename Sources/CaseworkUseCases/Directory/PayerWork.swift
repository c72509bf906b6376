import CaseworkDomain

/// The use cases of the organization's payers: recording one, changing one. Each runs in one write
/// transaction of `database`, at `ambient`'s time, and is audited.
public struct PayerWork: Sendable {
    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Records a payer; returns it with its new id.
    public func add(organizationID: String, name: String, payerID: String?, kind: PayerKind, timelyFilingDays: Int?, appealDays: Int?,
                    actorID: String?) throws -> Payer {
        try database.write { tx in
            try Self.add(tx, ambient, organizationID: organizationID, payer: Payer(
                id: "", name: name, payerID: payerID, kind: kind, timelyFilingDays: timelyFilingDays, appealDays: appealDays),
                importKey: nil, actorID: actorID)
        }
    }

    /// `add` inside a transaction the caller already holds (imports, bulk loads): stores `payer`
    /// under a new id, `importKey` naming it in a claims fixture.
    static func add(_ tx: any WriteTransaction, _ ambient: Ambient, organizationID: String, payer: Payer, importKey: String?,
                           actorID: String?) throws -> Payer {
        var stored = payer
        stored.id = ambient.newID("pay")
        let now = ambient.now()
        try tx.insertPayer(stored, organizationID: organizationID, importKey: importKey, at: now)
        try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "payer", entityID: stored.id,
                                           action: "create",
                                           changes: [AuditChange(field: "name", before: AuditValue.null, after: stored.name)], at: now))
        return stored
    }

    /// Changes a payer: `change` gets the payer as stored, locked until the transaction ends (so two
    /// changes of different fields, on one server or several, never undo each other), and returns it
    /// changed (name, electronic id, kind, timely filing and appeal days; its id stays). Each changed
    /// field is audited; deadlines of its claims and cases follow at once (the database's triggers).
    /// - Throws: `StorageError.notFound` when the organization has no such payer; what `change` throws.
    public func update(organizationID: String, id: String, actorID: String, change: (Payer) throws -> Payer) throws -> Payer {
        try database.write { tx in
            guard let before = try tx.payerForChange(organizationID: organizationID, id: id) else {
                throw StorageError.notFound(entity: "payer", id: id)
            }
            var payer = try change(before)
            payer.id = before.id
            var changes: [AuditChange] = []
            changes.note("name", before.name, payer.name)
            changes.note("payer_id", before.payerID, payer.payerID)
            changes.note("kind", before.kind.rawValue, payer.kind.rawValue)
            changes.note("timely_filing_days", before.timelyFilingDays, payer.timelyFilingDays)
            changes.note("appeal_days", before.appealDays, payer.appealDays)
            guard !changes.isEmpty else { return before }
            try tx.updatePayer(payer)
            try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "payer", entityID: payer.id,
                                               action: "update", changes: changes, at: ambient.now()))
            return payer
        }
    }
}
