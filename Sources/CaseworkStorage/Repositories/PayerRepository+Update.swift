import CaseworkDomain
import CaseworkUseCases

extension PayerRepository {
    /// Saves a payer's changed fields (name, electronic id, kind, timely filing and appeal days),
    /// auditing each. Deadlines of its claims and cases follow at once (migration 0006's triggers restore them).
    /// - Throws: `StorageError.notFound` when the organization has no such payer.
    public func update(organizationID: String, payer: Payer, actorID: String) throws -> Payer {
        try database.write { db in
            guard let row = try db.queryOne("SELECT * FROM payers WHERE organization_id = ? AND id = ?",
                                            [.text(organizationID), .text(payer.id)]) else {
                throw StorageError.notFound(entity: "payer", id: payer.id)
            }
            let before = Self.payer(row)
            var changes: [AuditChange] = []
            func note(_ field: String, _ old: Any?, _ new: Any?, _ same: Bool) {
                if !same { changes.append(.init(field: field, before: AuditChange.value(old), after: AuditChange.value(new))) }
            }
            note("name", before.name, payer.name, before.name == payer.name)
            note("payer_id", before.payerID, payer.payerID, before.payerID == payer.payerID)
            note("kind", before.kind.rawValue, payer.kind.rawValue, before.kind == payer.kind)
            note("timely_filing_days", before.timelyFilingDays, payer.timelyFilingDays, before.timelyFilingDays == payer.timelyFilingDays)
            note("appeal_days", before.appealDays, payer.appealDays, before.appealDays == payer.appealDays)
            guard !changes.isEmpty else { return before }
            try db.execute("UPDATE payers SET name = ?, payer_id = ?, kind = ?, timely_filing_days = ?, appeal_days = ? WHERE id = ?",
                           [.text(payer.name), SQLValue(payer.payerID), .text(payer.kind.rawValue), SQLValue(payer.timelyFilingDays),
                            SQLValue(payer.appealDays), .text(payer.id)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "payer", entityID: payer.id,
                                action: "update", changes: changes, at: Instant.now().description)
            return payer
        }
    }
}
