import CaseworkDomain

extension CaseRepository {
    /// Applies `changes` to an active case (fields and stage).
    /// - Parameter expectedRevision: the revision the caller last saw (`If-Match`); nil skips the check.
    /// - Throws: `StorageError.notFound`, `.revisionMismatch`, `.invalidReference` (owner);
    ///   `CaseRuleViolation` (not active, unknown subject, resolved codes not disputed).
    public func update(caller: Caller, id: String, changes: CaseChanges, expectedRevision: Int?) throws -> CaseRecord {
        try database.write { db in try Self.update(db, caller: caller, id: id, changes: changes, expectedRevision: expectedRevision) }
    }

    static func update(_ db: SQLiteConnection, caller: Caller, id: String, changes: CaseChanges, expectedRevision: Int?) throws -> CaseRecord {
        let org = caller.organizationID
        let before = try Self.loadForChange(db, organizationID: org, id: id, expectedRevision: expectedRevision)
        let after = try changes.applied(to: before)
        if let subject = changes.subject { try Self.requireSubject(db, organizationID: org, subject: subject) }
        if let owner = changes.owner, let owner { try Self.requireOwner(db, organizationID: org, owner: owner) }
        if !CaseAudit.changes(from: before, to: after).isEmpty {
            try Self.touch(db, caller: caller, before: before, after: after, at: Instant.now(), action: "update")
        }
        return try Self.requireRecord(db, organizationID: org, id: id)
    }

    /// The current case for a change, checked against the caller's expected revision.
    static func loadForChange(_ db: SQLiteConnection, organizationID: String, id: String, expectedRevision: Int?) throws -> Case {
        guard let row = try db.queryOne("SELECT * FROM cases WHERE organization_id = ? AND id = ?",
                                        [.text(organizationID), .text(id)]) else {
            throw StorageError.notFound(entity: "case", id: id)
        }
        let current = try caseValue(db, row)
        if let expectedRevision, expectedRevision != current.revision {
            throw StorageError.revisionMismatch(current: current.revision)
        }
        return current
    }

    /// Saves `after`, bumps the revision and stamps who and when; audits the field diff when `action` is given.
    static func touch(_ db: SQLiteConnection, caller: Caller, before: Case?, after: Case, at: Instant, action: String? = nil) throws {
        try db.execute(
            """
            UPDATE cases SET patient_id = ?, subject = ?, description = ?, follow_up_by = ?, priority = ?,
                owner_type = ?, owner_id = ?, stage = ?, status = ?, resolution_note = ?, resolved_at = ?, canceled_at = ?,
                updated_at = ?, updated_by = ?, revision = revision + 1,
                payment_received = CASE WHEN ? THEN payment_received ELSE 0 END
            WHERE id = ?
            """,
            [SQLValue(after.patientID), .text(after.subject), .text(after.description), SQLValue(after.followUpBy?.description),
             .text(after.priority.rawValue), SQLValue(after.owner?.kind), SQLValue(after.owner?.id), .text(after.stage.rawValue),
             .text(after.status.rawValue), SQLValue(after.resolutionNote), SQLValue(after.resolvedAt?.description),
             SQLValue(after.canceledAt?.description), .text(at.description), .text(caller.userID),
             // The payment-received flag belongs to an active case awaiting payment; it clears when the case moves on.
             SQLValue(after.status == .active && after.stage == .awaitingPayment), .text(after.id)])
        if before == nil || before?.tags != after.tags || before?.carcCodes != after.carcCodes
            || before?.resolvedCarcCodes != after.resolvedCarcCodes {
            try saveLabels(db, after)
        }
        if let before {
            if before.stage != after.stage {
                try SystemEvents.record(db, caller: caller, caseID: after.id, event: .stageChanged,
                                        facts: ["from": .text(before.stage.rawValue), "to": .text(after.stage.rawValue)], at: at)
            }
            let newlyResolved = after.resolvedCarcCodes.filter { !before.resolvedCarcCodes.contains($0) }
            if !newlyResolved.isEmpty {
                try SystemEvents.record(db, caller: caller, caseID: after.id, event: .carcCodesResolved,
                                        facts: ["codes": .list(newlyResolved.map(\.description))], at: at)
            }
        }
        if let action {
            try AuditLog.record(db, organizationID: caller.organizationID, actorID: caller.userID, entityType: "case",
                                entityID: after.id, action: action, changes: CaseAudit.changes(from: before, to: after),
                                at: at.description)
        }
    }

    static func requireRecord(_ db: SQLiteConnection, organizationID: String, id: String) throws -> CaseRecord {
        guard let record = try record(db, organizationID: organizationID, id: id) else {
            throw StorageError.notFound(entity: "case", id: id)
        }
        return record
    }
}
