import CaseworkDomain
import CaseworkUseCases

extension ClaimRepository {
    /// Corrects a claim's expected amount and/or write-off (see `ClaimCorrection`), in one
    /// transaction with the claim as it is then (a posting in between is seen), auditing each
    /// changed amount. Outstanding and the totals of the claim's cases follow at once.
    /// - Throws: `StorageError.notFound`; `ClaimCorrectionError` for amounts out of range.
    public func correct(organizationID: String, id: String, correction: ClaimCorrection, actorID: String) throws -> ClaimRecord {
        try database.write { db in
            guard let row = try db.queryOne("SELECT * FROM claims WHERE organization_id = ? AND id = ?",
                                            [.text(organizationID), .text(id)]) else {
                throw StorageError.notFound(entity: "claim", id: id)
            }
            let before = Self.claim(row)
            var corrected = before
            let after = try correction.applied(to: before.amounts)
            corrected.amounts = after
            var changes: [AuditChange] = []
            if after.expected != before.amounts.expected {
                changes.append(.init(field: "expected_cents", before: before.amounts.expected.amount, after: after.expected.amount))
            }
            if after.writeOff != before.amounts.writeOff {
                changes.append(.init(field: "write_off_cents", before: before.amounts.writeOff.amount, after: after.writeOff.amount))
            }
            if !changes.isEmpty {
                let now = Instant.now().description
                try db.execute("UPDATE claims SET expected_cents = ?, write_off_cents = ?, updated_at = ? WHERE id = ?",
                               [SQLValue(after.expected.amount), SQLValue(after.writeOff.amount), .text(now), .text(id)])
                try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "claim", entityID: id,
                                    action: "correct", changes: changes, at: now)
            }
            return try Self.record(db, corrected)
        }
    }
}
