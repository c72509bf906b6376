import CaseworkDomain
import CaseworkUseCases

/// The claims' part of the gateway: `claims`, `submissions`, `remittances` and their adjustments.
extension SQLTransaction {
    // MARK: ClaimReads

    func claimRecord(organizationID: String, id: String) throws -> ClaimRecord? {
        try claim(organizationID: organizationID, id: id).map { try ClaimRepository.record(db, $0) }
    }

    func claimNumberTaken(organizationID: String, claimNumber: String) throws -> Bool {
        try db.queryOne("SELECT 1 AS found FROM claims WHERE organization_id = ? AND claim_number = ?",
                        [.text(organizationID), .text(claimNumber)]) != nil
    }

    func lastSubmissionSequence(claimID: String) throws -> Int {
        try db.queryOne("SELECT COALESCE(MAX(sequence), 0) AS last FROM submissions WHERE claim_id = ?", [.text(claimID)])?.int("last") ?? 0
    }

    func submissionSequenceTaken(claimID: String, sequence: Int) throws -> Bool {
        try db.queryOne("SELECT 1 AS found FROM submissions WHERE claim_id = ? AND sequence = ?", [.text(claimID), SQLValue(sequence)]) != nil
    }

    // MARK: ClaimWrites

    func claimForChange(organizationID: String, id: String) throws -> Claim? {
        try claim(organizationID: organizationID, id: id, locked: true)
    }

    func insertClaim(_ claim: Claim, organizationID: String, lastRemittedOn: Day?, at: Instant) throws {
        try insertClaimRow(claim, organizationID: organizationID, deniedCents: 0, denialCategory: nil, lastRemittedOn: lastRemittedOn, at: at)
    }

    /// The claim's row with every stored field; `deniedCents` and `denialCategory` as a posting found them
    /// (0 and nil for a claim entered by hand, whose denial its remittances give later).
    func insertClaimRow(_ claim: Claim, organizationID: String, deniedCents: Int, denialCategory: String?, lastRemittedOn: Day?,
                        at: Instant) throws {
        let a = claim.amounts
        try db.execute(
            """
            INSERT INTO claims (id, organization_id, claim_number, payer_id, patient_id, service_start, service_end,
                billed_cents, expected_cents, paid_cents, cost_share_cents, cost_share_paid_cents, write_off_cents,
                denial_carcs, denied_cents, denial_category, last_remitted_on, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(claim.id), .text(organizationID), .text(claim.claimNumber), .text(claim.payerID), SQLValue(claim.patientID),
             SQLValue(claim.serviceStart?.description), SQLValue(claim.serviceEnd?.description),
             SQLValue(a.billed.amount), SQLValue(a.expected.amount), SQLValue(a.paid.amount), SQLValue(a.costShare.amount),
             SQLValue(a.costSharePaid.amount), SQLValue(a.writeOff.amount),
             .text(claim.denialReasons.map(\.description).joined(separator: " ")), SQLValue(deniedCents), SQLValue(denialCategory),
             SQLValue(lastRemittedOn?.description), .text(at.description), .text(at.description)])
    }

    func insertSubmission(_ submission: Submission, organizationID: String, at: Instant) throws {
        try db.execute(
            """
            INSERT INTO submissions (id, organization_id, claim_id, sequence, frequency_code, submitted_on, payer_claim_number, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(submission.id), .text(organizationID), .text(submission.claimID), SQLValue(submission.sequence), .text(submission.frequencyCode.rawValue),
             SQLValue(submission.submittedOn?.description), SQLValue(submission.payerClaimNumber), .text(at.description)])
    }

    func insertRemittance(id: String, organizationID: String, claimID: String, remittance: Remittance) throws {
        try db.execute(
            """
            INSERT INTO remittances (id, organization_id, claim_id, status_code, paid_cents, patient_responsibility_cents, paid_on,
                source_file, remark_codes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(organizationID), .text(claimID), .text(remittance.statusCode), SQLValue(remittance.paid.amount),
             SQLValue(remittance.patientResponsibility.amount), SQLValue(remittance.paidOn?.description),
             SQLValue(remittance.sourceFile), .text(remittance.remarkCodes.joined(separator: " "))])
        for (position, adjustment) in remittance.adjustments.enumerated() {
            try db.execute(
                """
                INSERT INTO remittance_adjustments (organization_id, remittance_id, position, group_code, carc, amount_cents, level)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(organizationID), .text(id), SQLValue(position), .text(adjustment.carc.group.rawValue), .text(adjustment.carc.code),
                 SQLValue(adjustment.amount.amount), .text(adjustment.level.rawValue)])
        }
    }

    func updateClaimAmounts(claimID: String, expected: Cents, writeOff: Cents, at: Instant) throws {
        try db.execute("UPDATE claims SET expected_cents = ?, write_off_cents = ?, updated_at = ? WHERE id = ?",
                       [SQLValue(expected.amount), SQLValue(writeOff.amount), .text(at.description), .text(claimID)])
    }
}
