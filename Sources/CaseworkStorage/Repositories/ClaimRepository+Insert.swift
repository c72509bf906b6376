import CaseworkDomain
import CaseworkUseCases

extension ClaimRepository {
    /// Inserts a claim, its submissions, remittances and adjustments; returns the claim id.
    static func insert(_ db: any SQLExecutor, organizationID: String, claim: NewClaim, actorID: String?) throws -> String {
        guard try db.queryOne("SELECT 1 AS found FROM payers WHERE organization_id = ? AND id = ?",
                              [.text(organizationID), .text(claim.payerID)]) != nil else {
            throw StorageError.invalidReference(field: "/payer_id", id: claim.payerID)
        }
        if let patient = claim.patientID,
           try db.queryOne("SELECT 1 AS found FROM patients WHERE organization_id = ? AND id = ?",
                           [.text(organizationID), .text(patient)]) == nil {
            throw StorageError.invalidReference(field: "/patient_id", id: patient)
        }
        if try db.queryOne("SELECT 1 AS found FROM claims WHERE organization_id = ? AND claim_number = ?",
                           [.text(organizationID), .text(claim.claimNumber)]) != nil {
            throw StorageError.duplicate(entity: "claim", field: "claim_number", value: claim.claimNumber)
        }
        let id = Identifier.make("clm")
        let now = Instant.now().description
        let denial = Denial.reasons(expected: claim.amounts.expected, remittances: claim.remittances)
        let a = claim.amounts
        try db.execute(
            """
            INSERT INTO claims (id, organization_id, claim_number, payer_id, patient_id, service_start, service_end,
                billed_cents, expected_cents, paid_cents, cost_share_cents, cost_share_paid_cents, write_off_cents,
                denial_carcs, last_remitted_on, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(organizationID), .text(claim.claimNumber), .text(claim.payerID), SQLValue(claim.patientID),
             SQLValue(claim.serviceStart?.description), SQLValue(claim.serviceEnd?.description),
             SQLValue(a.billed.amount), SQLValue(a.expected.amount), SQLValue(a.paid.amount), SQLValue(a.costShare.amount),
             SQLValue(a.costSharePaid.amount), SQLValue(a.writeOff.amount),
             .text(denial.map(\.description).joined(separator: " ")),
             SQLValue(claim.remittances.compactMap(\.paidOn).max()?.description), .text(now), .text(now)])
        for submission in claim.submissions {
            try insertSubmission(db, organizationID: organizationID, claimID: id, submission: submission, actorID: actorID, audit: false)
        }
        for remittance in claim.remittances {
            try insertRemittance(db, claimID: id, remittance: remittance)
        }
        try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "claim", entityID: id, action: "create",
                            changes: [.init(field: "claim_number", before: AuditChange.value(nil), after: claim.claimNumber),
                                      .init(field: "expected_cents", before: AuditChange.value(nil), after: a.expected.amount)],
                            at: now)
        return id
    }

    @discardableResult
    static func insertSubmission(_ db: any SQLExecutor, organizationID: String, claimID: String, submission: NewSubmission,
                                 actorID: String?, audit: Bool = true) throws -> Submission {
        let last = try db.queryOne("SELECT COALESCE(MAX(sequence), 0) AS last FROM submissions WHERE claim_id = ?", [.text(claimID)])?.int("last") ?? 0
        let sequence = submission.sequence ?? last + 1
        if try db.queryOne("SELECT 1 AS found FROM submissions WHERE claim_id = ? AND sequence = ?",
                           [.text(claimID), SQLValue(sequence)]) != nil {
            throw StorageError.duplicate(entity: "submission", field: "sequence", value: String(sequence))
        }
        let stored = Submission(id: Identifier.make("sub"), claimID: claimID, sequence: sequence, frequencyCode: submission.frequencyCode,
                                submittedOn: submission.submittedOn, payerClaimNumber: submission.payerClaimNumber)
        let now = Instant.now().description
        try db.execute(
            """
            INSERT INTO submissions (id, claim_id, sequence, frequency_code, submitted_on, payer_claim_number, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(stored.id), .text(claimID), SQLValue(sequence), .text(stored.frequencyCode.rawValue),
             SQLValue(stored.submittedOn?.description), SQLValue(stored.payerClaimNumber), .text(now)])
        if audit {
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "submission", entityID: stored.id,
                                action: "create", changes: [.init(field: "sequence", before: AuditChange.value(nil), after: sequence)], at: now)
        }
        return stored
    }

    static func insertRemittance(_ db: any SQLExecutor, claimID: String, remittance: Remittance) throws {
        let id = Identifier.make("rem")
        try db.execute(
            """
            INSERT INTO remittances (id, claim_id, status_code, paid_cents, patient_responsibility_cents, paid_on, source_file, remark_codes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(claimID), .text(remittance.statusCode), SQLValue(remittance.paid.amount),
             SQLValue(remittance.patientResponsibility.amount), SQLValue(remittance.paidOn?.description),
             SQLValue(remittance.sourceFile), .text(remittance.remarkCodes.joined(separator: " "))])
        for (position, adjustment) in remittance.adjustments.enumerated() {
            try db.execute(
                "INSERT INTO remittance_adjustments (remittance_id, position, group_code, carc, amount_cents, level) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(id), SQLValue(position), .text(adjustment.carc.group.rawValue), .text(adjustment.carc.code),
                 SQLValue(adjustment.amount.amount), .text(adjustment.level.rawValue)])
        }
    }
}
