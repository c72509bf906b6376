import CaseworkDomain
import CaseworkUseCases

extension ClaimRepository {
    static func claim(_ row: SQLRow) -> Claim {
        Claim(id: row.string("id"), claimNumber: row.string("claim_number"), payerID: row.string("payer_id"),
              patientID: row.optionalString("patient_id"),
              serviceStart: row.optionalString("service_start").flatMap(Day.init),
              serviceEnd: row.optionalString("service_end").flatMap(Day.init),
              amounts: ClaimAmounts(billed: Cents(row.int("billed_cents")), expected: Cents(row.int("expected_cents")),
                                    paid: Cents(row.int("paid_cents")), costShare: Cents(row.int("cost_share_cents")),
                                    costSharePaid: Cents(row.int("cost_share_paid_cents")),
                                    writeOff: Cents(row.int("write_off_cents"))),
              denialReasons: row.string("denial_carcs").split(separator: " ").compactMap { CARC(String($0)) })
    }

    static func submission(_ row: SQLRow) -> Submission {
        Submission(id: row.string("id"), claimID: row.string("claim_id"), sequence: row.int("sequence"),
                   frequencyCode: FrequencyCode(rawValue: row.string("frequency_code")) ?? .original,
                   submittedOn: row.optionalString("submitted_on").flatMap(Day.init),
                   payerClaimNumber: row.optionalString("payer_claim_number"))
    }

    static func record(_ db: any SQLExecutor, _ claim: Claim) throws -> ClaimRecord {
        let submissions = try db.query("SELECT * FROM submissions WHERE claim_id = ? ORDER BY sequence", [.text(claim.id)])
            .map(Self.submission)
        let active = try db.queryOne(
            """
            SELECT c.id, c.number FROM case_claims l JOIN cases c ON c.id = l.case_id
            WHERE l.claim_id = ? AND l.active = 1
            """, [.text(claim.id)]).map { CaseReference(id: $0.string("id"), number: CaseNumber(sequence: $0.int("number"))) }
        return ClaimRecord(claim: claim, submissions: submissions, activeCase: active)
    }
}
