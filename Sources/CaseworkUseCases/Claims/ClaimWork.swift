import CaseworkDomain

/// The use cases of claims: recording one (with its submissions and any remittances already
/// received), adding a submission, correcting the expected amount or write-off. Each runs in one
/// write transaction of `database`, at `ambient`'s time, and is audited.
public struct ClaimWork: Sendable {
    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Records a claim; its denial reasons follow from its expected amount and remittances (`Denial`).
    /// - Parameter actorID: who records it, for the audit log (nil: an import from the command line).
    /// - Throws: `StorageError.invalidReference` for an unknown payer (`/payer_id`) or patient
    ///   (`/patient_id`); `.duplicate` for a claim number or submission sequence already taken.
    public func add(organizationID: String, claim: NewClaim, actorID: String?) throws -> ClaimRecord {
        try database.write { tx in
            let id = try Self.add(tx, ambient, organizationID: organizationID, claim: claim, actorID: actorID)
            guard let record = try tx.claimRecord(organizationID: organizationID, id: id) else {
                throw StorageError.notFound(entity: "claim", id: id)
            }
            return record
        }
    }

    /// `add` inside a transaction the caller already holds (imports, bulk loads); returns the claim's id.
    static func add(_ tx: any WriteTransaction, _ ambient: Ambient, organizationID: String, claim: NewClaim,
                           actorID: String?) throws -> String {
        guard try tx.payerExists(organizationID: organizationID, payerID: claim.payerID) else {
            throw StorageError.invalidReference(field: "/payer_id", id: claim.payerID)
        }
        if let patient = claim.patientID, try !tx.patientExists(organizationID: organizationID, patientID: patient) {
            throw StorageError.invalidReference(field: "/patient_id", id: patient)
        }
        // Checked first for the clear error; the unique index still decides between two servers racing.
        let duplicate = StorageError.duplicate(entity: "claim", field: "claim_number", value: claim.claimNumber)
        if try tx.claimNumberTaken(organizationID: organizationID, claimNumber: claim.claimNumber) { throw duplicate }
        let now = ambient.now()
        let stored = Claim(id: ambient.newID("clm"), claimNumber: claim.claimNumber, payerID: claim.payerID, patientID: claim.patientID,
                           serviceStart: claim.serviceStart, serviceEnd: claim.serviceEnd, amounts: claim.amounts,
                           denialReasons: Denial.reasons(expected: claim.amounts.expected, remittances: claim.remittances))
        do {
            try tx.insertClaim(stored, organizationID: organizationID, lastRemittedOn: claim.remittances.compactMap(\.paidOn).max(), at: now)
        } catch let error where StorageError.isUniqueViolation(error) {
            throw duplicate
        }
        for submission in claim.submissions {
            _ = try addSubmission(tx, ambient, organizationID: organizationID, claimID: stored.id, submission: submission, actorID: actorID,
                                  audited: false)
        }
        for remittance in claim.remittances {
            try tx.insertRemittance(id: ambient.newID("rem"), organizationID: organizationID, claimID: stored.id, remittance: remittance)
        }
        try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "claim", entityID: stored.id,
                                           action: "create",
                                           changes: [AuditChange(field: "claim_number", before: AuditValue.null, after: claim.claimNumber),
                                                     AuditChange(field: "expected_cents", before: AuditValue.null,
                                                                 after: claim.amounts.expected.amount)],
                                           at: now))
        return stored.id
    }

    /// Adds the next submission (sequence = last + 1 unless given) to a claim of the organization.
    /// - Throws: `StorageError.notFound` for the claim; `.duplicate` when the sequence is taken.
    public func addSubmission(organizationID: String, claimID: String, submission: NewSubmission, actorID: String) throws -> Submission {
        try database.write { tx in
            // The claim's lock makes concurrent additions take turns, so "last + 1" is never taken twice.
            guard try tx.claimForChange(organizationID: organizationID, id: claimID) != nil else {
                throw StorageError.notFound(entity: "claim", id: claimID)
            }
            return try Self.addSubmission(tx, ambient, organizationID: organizationID, claimID: claimID, submission: submission,
                                          actorID: actorID, audited: true)
        }
    }

    static func addSubmission(_ tx: any WriteTransaction, _ ambient: Ambient, organizationID: String, claimID: String,
                              submission: NewSubmission, actorID: String?, audited: Bool) throws -> Submission {
        let sequence = try submission.sequence ?? tx.lastSubmissionSequence(claimID: claimID) + 1
        if try tx.submissionSequenceTaken(claimID: claimID, sequence: sequence) {
            throw StorageError.duplicate(entity: "submission", field: "sequence", value: String(sequence))
        }
        let stored = Submission(id: ambient.newID("sub"), claimID: claimID, sequence: sequence, frequencyCode: submission.frequencyCode,
                                submittedOn: submission.submittedOn, payerClaimNumber: submission.payerClaimNumber)
        let now = ambient.now()
        try tx.insertSubmission(stored, organizationID: organizationID, at: now)
        if audited {
            try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "submission", entityID: stored.id,
                                               action: "create",
                                               changes: [AuditChange(field: "sequence", before: AuditValue.null, after: sequence)],
                                               at: now))
        }
        return stored
    }

    /// Corrects a claim's expected amount and/or write-off (see `ClaimCorrection`) against the claim
    /// as it is then, locked, so a posting running beside it is either seen or waits; each changed
    /// amount is audited. Outstanding and the totals of the claim's cases follow at once.
    /// - Throws: `StorageError.notFound`; `ClaimCorrectionError` for amounts out of range.
    public func correct(organizationID: String, id: String, correction: ClaimCorrection, actorID: String) throws -> ClaimRecord {
        try database.write { tx in
            guard let before = try tx.claimForChange(organizationID: organizationID, id: id) else {
                throw StorageError.notFound(entity: "claim", id: id)
            }
            let after = try correction.applied(to: before.amounts)
            var changes: [AuditChange] = []
            changes.note("expected_cents", before.amounts.expected.amount, after.expected.amount)
            changes.note("write_off_cents", before.amounts.writeOff.amount, after.writeOff.amount)
            if !changes.isEmpty {
                let now = ambient.now()
                try tx.updateClaimAmounts(claimID: id, expected: after.expected, writeOff: after.writeOff, at: now)
                try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "claim", entityID: id,
                                                   action: "correct", changes: changes, at: now))
            }
            guard let record = try tx.claimRecord(organizationID: organizationID, id: id) else {
                throw StorageError.notFound(entity: "claim", id: id)
            }
            return record
        }
    }
}
