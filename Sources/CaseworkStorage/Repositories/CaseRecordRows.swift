import CaseworkDomain
import CaseworkUseCases

extension CaseRepository {
    /// Loads the case `id` of the organization with everything a client sees, or nil.
    static func record(_ db: any SQLExecutor, organizationID: String, id: String) throws -> CaseRecord? {
        guard let row = try db.queryOne(rowSelect + " WHERE c.organization_id = ? AND c.id = ?", [.text(organizationID), .text(id)]) else {
            return nil
        }
        let theCase = try Self.caseValue(db, row)
        let claims = try db.query(
            """
            SELECT cl.*, l.submission_id AS link_submission_id, l.linked_at AS link_linked_at
            FROM case_claims l JOIN claims cl ON cl.id = l.claim_id
            WHERE l.case_id = ? ORDER BY cl.claim_number, cl.id
            """, [.text(id)]).map { row in
                LinkedClaim(claim: ClaimRepository.claim(row), submissionID: row.optionalString("link_submission_id"),
                            linkedAt: Instant(row.string("link_linked_at")) ?? Instant(secondsSinceEpoch: 0))
            }
        let totals = CaseTotals(claims: claims.map { ($0.claim.serviceStart, $0.claim.serviceEnd, $0.claim.amounts) })
        let patientName = row.optionalString("patient_first_name").map { "\($0) \(row.optionalString("patient_last_name") ?? "")" }
        let openTasks = try db.query("SELECT subject FROM activities WHERE case_id = ? AND kind = 'task' AND state = 'open' ORDER BY seq",
                                     [.text(id)]).map { $0.string("subject") }
        return CaseRecord(case: theCase, payerName: row.string("payer_name"), patientName: patientName,
                          ownerName: row.optionalString("owner_name"), claims: claims, totals: totals, openTasks: openTasks,
                          deadline: row.optionalString("deadline").flatMap(Day.init), paymentReceived: row.int("payment_received") == 1)
    }

    /// Decodes a `cases` row and its tags and CARCs.
    static func caseValue(_ db: any SQLExecutor, _ row: SQLRow) throws -> Case {
        let id = row.string("id")
        let tags = try db.query("SELECT tag FROM case_tags WHERE case_id = ? ORDER BY position", [.text(id)]).map { $0.string("tag") }
        let codes = try db.query("SELECT code, resolved FROM case_carc_codes WHERE case_id = ? ORDER BY position", [.text(id)])
            .compactMap { row in CARC(row.string("code")).map { ($0, row.bool("resolved")) } }
        return caseValue(row, tags: tags, codes: codes)
    }

    /// Decodes a `cases` row given its tags and (CARC, resolved) pairs in order.
    static func caseValue(_ row: SQLRow, tags: [String], codes: [(CARC, Bool)]) -> Case {
        let owner = row.optionalString("owner_type").flatMap { Owner(kind: $0, id: row.optionalString("owner_id") ?? "") }
        return Case(
            id: row.string("id"), number: CaseNumber(sequence: row.int("number")), payerID: row.string("payer_id"),
            patientID: row.optionalString("patient_id"), subject: row.string("subject"), tags: tags,
            carcCodes: codes.map(\.0), resolvedCarcCodes: codes.filter(\.1).map(\.0),
            description: row.string("description"), followUpBy: row.optionalString("follow_up_by").flatMap(Day.init),
            priority: Priority(rawValue: row.string("priority")) ?? .normal, owner: owner,
            stage: Stage(rawValue: row.string("stage")) ?? .new, status: CaseStatus(rawValue: row.string("status")) ?? .active,
            resolutionNote: row.optionalString("resolution_note"),
            createdAt: Instant(row.string("created_at")) ?? Instant(secondsSinceEpoch: 0), createdBy: row.string("created_by"),
            updatedAt: Instant(row.string("updated_at")) ?? Instant(secondsSinceEpoch: 0), updatedBy: row.string("updated_by"),
            resolvedAt: row.optionalString("resolved_at").flatMap(Instant.init),
            canceledAt: row.optionalString("canceled_at").flatMap(Instant.init), revision: row.int("revision"))
    }
}
