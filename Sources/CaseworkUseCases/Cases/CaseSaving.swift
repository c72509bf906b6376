import CaseworkDomain

/// Changing a case's fields: loading it for a change, saving the new version with its audit event
/// and timeline entries.
enum CaseSaving {
    /// Applies `changes` to an active case; see `CaseWork.update`.
    static func update(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, id: String, changes: CaseChanges,
                       expectedRevision: Int?) throws -> CaseRecord {
        let org = caller.organizationID
        let before = try loadForChange(tx, organizationID: org, id: id, expectedRevision: expectedRevision)
        let after = try changes.applied(to: before)
        if let subject = changes.subject { try CaseOpening.requireSubject(tx, organizationID: org, subject: subject) }
        if let owner = changes.owner, let owner { try CaseOpening.requireOwner(tx, organizationID: org, owner: owner) }
        if !CaseAudit.changes(from: before, to: after).isEmpty {
            try touch(tx, ambient, caller: caller, before: before, after: after, at: ambient.now(), action: "update")
        }
        return try requireRecord(tx, organizationID: org, id: id)
    }

    /// The current case for a change, checked against the caller's expected revision.
    /// - Throws: `StorageError.notFound`, `.revisionMismatch`.
    static func loadForChange(_ tx: any WriteTransaction, organizationID: String, id: String, expectedRevision: Int?) throws -> Case {
        guard let current = try tx.caseForChange(organizationID: organizationID, id: id) else {
            throw StorageError.notFound(entity: "case", id: id)
        }
        if let expectedRevision, expectedRevision != current.revision {
            throw StorageError.revisionMismatch(current: current.revision)
        }
        return current
    }

    /// Saves `after`, bumps the revision and stamps who and when; records stage changes and newly
    /// resolved CARCs on the timeline, and audits the field diff when `action` is given.
    static func touch(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, before: Case, after: Case, at: Instant,
                             action: String? = nil) throws {
        let labelsChanged = before.tags != after.tags || before.carcCodes != after.carcCodes
            || before.resolvedCarcCodes != after.resolvedCarcCodes
        try tx.updateCase(after, organizationID: caller.organizationID, labelsChanged: labelsChanged, at: at, by: caller.userID)
        if before.stage != after.stage {
            try SystemEvents.record(tx, ambient, caller: caller, caseID: after.id, event: .stageChanged,
                                    facts: ["from": .text(before.stage.rawValue), "to": .text(after.stage.rawValue)], at: at)
        }
        let newlyResolved = after.resolvedCarcCodes.filter { !before.resolvedCarcCodes.contains($0) }
        if !newlyResolved.isEmpty {
            try SystemEvents.record(tx, ambient, caller: caller, caseID: after.id, event: .carcCodesResolved,
                                    facts: ["codes": .list(newlyResolved.map(\.description))], at: at)
        }
        if let action {
            try tx.insertAuditEntry(.onCase(after.id, by: caller, action: action, changes: CaseAudit.changes(from: before, to: after), at: at))
        }
    }

    /// The case as a client sees it, read inside the transaction.
    /// - Throws: `StorageError.notFound`.
    static func requireRecord(_ tx: any ReadTransaction, organizationID: String, id: String) throws -> CaseRecord {
        guard let record = try tx.caseRecord(organizationID: organizationID, id: id) else {
            throw StorageError.notFound(entity: "case", id: id)
        }
        return record
    }
}
