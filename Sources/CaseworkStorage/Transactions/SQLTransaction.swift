import CaseworkDomain
import CaseworkUseCases

/// What use cases read and write, as SQL on the connection of one `SQLDatabase.read` or `write`
/// body (either driver). Made only inside such a body; never kept beyond it.
struct SQLTransaction: WriteTransaction {
    let db: any SQLExecutor

    init(_ db: any SQLExecutor) { self.db = db }

    // MARK: CaseReads

    func caseRecord(organizationID: String, id: String) throws -> CaseRecord? {
        try CaseRepository.record(db, organizationID: organizationID, id: id)
    }

    func linkedClaimIDs(caseID: String) throws -> [String] {
        try db.query("SELECT claim_id FROM case_claims WHERE case_id = ? ORDER BY claim_id", [.text(caseID)]).map { $0.string("claim_id") }
    }

    func patientsOfLinkedClaims(caseID: String) throws -> [String?] {
        try db.query("SELECT cl.patient_id FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = ?",
                     [.text(caseID)]).map { $0.optionalString("patient_id") }
    }

    func holdingCase(claimID: String, except caseID: String) throws -> ClaimHold? {
        try db.queryOne(
            """
            SELECT c.id, c.number, cl.claim_number FROM case_claims l
            JOIN cases c ON c.id = l.case_id JOIN claims cl ON cl.id = l.claim_id
            WHERE l.claim_id = ? AND l.active = 1 AND l.case_id <> ?
            """, [.text(claimID), .text(caseID)]).map {
                ClaimHold(caseID: $0.string("id"), caseNumber: CaseNumber(sequence: $0.int("number")), claimNumber: $0.string("claim_number"))
            }
    }

    func claim(organizationID: String, id: String) throws -> Claim? {
        try claim(organizationID: organizationID, id: id, locked: false)
    }

    /// The claim row, locked until the transaction ends when `locked` (PostgreSQL; see `claimForChange`).
    func claim(organizationID: String, id: String, locked: Bool) throws -> Claim? {
        try db.queryOne("SELECT * FROM claims WHERE organization_id = ? AND id = ?" + (locked ? db.dialect.lockForUpdate : ""),
                        [.text(organizationID), .text(id)]).map(ClaimRepository.claim)
    }

    func claimNumber(claimID: String) throws -> String? {
        try db.queryOne("SELECT claim_number FROM claims WHERE id = ?", [.text(claimID)])?.string("claim_number")
    }

    func claimOfSubmission(organizationID: String, submissionID: String) throws -> String? {
        try db.queryOne("SELECT s.claim_id FROM submissions s JOIN claims c ON c.id = s.claim_id WHERE s.id = ? AND c.organization_id = ?",
                        [.text(submissionID), .text(organizationID)])?.string("claim_id")
    }

    func deniedCents(claimID: String) throws -> Int {
        try db.queryOne("SELECT denied_cents FROM claims WHERE id = ?", [.text(claimID)])?.int("denied_cents") ?? 0
    }

    // MARK: CaseWrites

    func attempt<T>(_ body: () throws -> T) throws -> T {
        try db.savepoint(body)
    }

    func caseForChange(organizationID: String, id: String) throws -> Case? {
        guard let row = try db.queryOne("SELECT * FROM cases WHERE organization_id = ? AND id = ?" + db.dialect.lockForUpdate,
                                        [.text(organizationID), .text(id)]) else {
            return nil
        }
        return try CaseRepository.caseValue(db, row)
    }

    func caseStatusForChange(organizationID: String, id: String) throws -> CaseStatus? {
        try db.queryOne("SELECT status FROM cases WHERE organization_id = ? AND id = ?" + db.dialect.lockForUpdate,
                        [.text(organizationID), .text(id)]).flatMap { CaseStatus(rawValue: $0.string("status")) }
    }

    func takeCaseNumber(organizationID: String) throws -> Int {
        // One statement, so that concurrent writers (PostgreSQL) never take the same number.
        guard let row = try db.queryOne("UPDATE organizations SET next_case_number = next_case_number + 1 WHERE id = ? RETURNING next_case_number - 1 AS taken",
                                        [.text(organizationID)]) else {
            throw StorageError.notFound(entity: "organization", id: organizationID)
        }
        return row.int("taken")
    }

    func insertCase(_ theCase: Case, organizationID: String, openedByRuleID: String?) throws {
        try db.execute(
            """
            INSERT INTO cases (id, organization_id, number, payer_id, patient_id, subject, description, follow_up_by,
                priority, owner_type, owner_id, stage, status, created_at, created_by, updated_at, updated_by, revision, opened_by_rule_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(theCase.id), .text(organizationID), SQLValue(theCase.number.sequence), .text(theCase.payerID), SQLValue(theCase.patientID),
             .text(theCase.subject), .text(theCase.description), SQLValue(theCase.followUpBy?.description),
             .text(theCase.priority.rawValue), SQLValue(theCase.owner?.kind), SQLValue(theCase.owner?.id),
             .text(theCase.stage.rawValue), .text(theCase.status.rawValue), .text(theCase.createdAt.description), .text(theCase.createdBy),
             .text(theCase.updatedAt.description), .text(theCase.updatedBy), SQLValue(theCase.revision), SQLValue(openedByRuleID)])
        try saveLabels(theCase, organizationID: organizationID, replacing: false)
    }

    func updateCase(_ theCase: Case, organizationID: String, labelsChanged: Bool, at: Instant, by userID: String) throws {
        try db.execute(
            """
            UPDATE cases SET patient_id = ?, subject = ?, description = ?, follow_up_by = ?, priority = ?,
                owner_type = ?, owner_id = ?, stage = ?, status = ?, resolution_note = ?, resolved_at = ?, canceled_at = ?,
                updated_at = ?, updated_by = ?, revision = revision + 1,
                payment_received = CASE WHEN ? THEN payment_received ELSE 0 END
            WHERE id = ?
            """,
            [SQLValue(theCase.patientID), .text(theCase.subject), .text(theCase.description), SQLValue(theCase.followUpBy?.description),
             .text(theCase.priority.rawValue), SQLValue(theCase.owner?.kind), SQLValue(theCase.owner?.id), .text(theCase.stage.rawValue),
             .text(theCase.status.rawValue), SQLValue(theCase.resolutionNote), SQLValue(theCase.resolvedAt?.description),
             SQLValue(theCase.canceledAt?.description), .text(at.description), .text(userID),
             SQLValue(theCase.status == .active && theCase.stage == .awaitingPayment), .text(theCase.id)])
        if labelsChanged { try saveLabels(theCase, organizationID: organizationID, replacing: true) }
    }

    func flagPaymentReceived(caseID: String) throws {
        try db.execute("UPDATE cases SET payment_received = 1, revision = revision + 1 WHERE id = ?", [.text(caseID)])
    }

    func insertClaimLink(organizationID: String, caseID: String, claimID: String, submissionID: String?, at: Instant, by userID: String) throws {
        try db.survivable { _ = try db.execute(
            """
            INSERT INTO case_claims (organization_id, case_id, claim_id, submission_id, active, linked_at, linked_by)
            VALUES (?, ?, ?, ?, 1, ?, ?)
            """,
            [.text(organizationID), .text(caseID), .text(claimID), SQLValue(submissionID), .text(at.description), .text(userID)]) }
    }

    func deleteClaimLink(caseID: String, claimID: String) throws {
        try db.execute("DELETE FROM case_claims WHERE case_id = ? AND claim_id = ?", [.text(caseID), .text(claimID)])
    }

    /// Writes the case's tags and CARC rows from the value, first deleting those it had when `replacing`
    /// (a new case has none).
    private func saveLabels(_ theCase: Case, organizationID: String, replacing: Bool) throws {
        if replacing { try db.execute("DELETE FROM case_tags WHERE case_id = ?", [.text(theCase.id)]) }
        for (position, tag) in theCase.tags.enumerated() {
            try db.execute("INSERT INTO case_tags (organization_id, case_id, position, tag) VALUES (?, ?, ?, ?)",
                           [.text(organizationID), .text(theCase.id), SQLValue(position), .text(tag)])
        }
        if replacing { try db.execute("DELETE FROM case_carc_codes WHERE case_id = ?", [.text(theCase.id)]) }
        let resolved = Set(theCase.resolvedCarcCodes)
        for (position, code) in theCase.carcCodes.enumerated() {
            try db.execute("INSERT INTO case_carc_codes (organization_id, case_id, position, code, resolved) VALUES (?, ?, ?, ?, ?)",
                           [.text(organizationID), .text(theCase.id), SQLValue(position), .text(code.description), SQLValue(resolved.contains(code))])
        }
    }

    // MARK: AuditWrites

    func insertAuditEntry(_ event: AuditEntry) throws {
        try AuditLog.record(db, organizationID: event.organizationID, actorID: event.actorID, entityType: event.entityType,
                            entityID: event.entityID, action: event.action, changes: event.changes, at: event.at.description)
    }
}
