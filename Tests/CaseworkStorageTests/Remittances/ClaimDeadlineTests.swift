import CaseworkDomain
import CaseworkUseCases
import Foundation
import Testing
@testable import CaseworkStorage

/// Migration 0006: the stored claim deadlines follow every change they depend on.
@Suite struct ClaimDeadlineTests {
    private func deadlines(_ f: StoreFixture, _ claimID: String) throws -> [String?] {
        try f.store.database.read { db in
            let row = try db.queryOne("SELECT appeal_deadline, filing_deadline, deadline FROM claims WHERE id = ?", [.text(claimID)])
            return ["appeal_deadline", "filing_deadline", "deadline"].map { row?.optionalString($0) }
        }
    }

    private func unremitted(_ f: StoreFixture, _ number: String) throws -> ClaimRecord {
        try f.store.claimWork.add(organizationID: f.organizationID, claim: NewClaim(
            claimNumber: number, payerID: f.payer.id, patientID: nil, serviceStart: Day("2026-03-01"), serviceEnd: nil,
            amounts: ClaimAmounts(billed: Cents(10_000), expected: Cents(10_000)), submissions: [], remittances: []), actorID: nil)
    }

    @Test func anUnremittedClaimCountsFromItsServiceDateUntilARemitArrives() throws {
        let f = try StoreFixture()
        let claim = try unremitted(f, "D-1")
        #expect(try deadlines(f, claim.claim.id) == [nil, "2026-05-30", "2026-05-30"])     // 2026-03-01 + 90 days

        var payer = f.payer
        payer.timelyFilingDays = 120
        _ = try PayerWork(database: f.store).update(organizationID: f.organizationID, id: payer.id, actorID: f.ann.userID) { _ in payer }
        #expect(try deadlines(f, claim.claim.id) == [nil, "2026-06-29", "2026-06-29"])

        // A first remit without a payment date still means the claim was filed.
        try f.store.database.write { db in
            try db.execute("""
                INSERT INTO remittances (id, organization_id, claim_id, status_code, paid_cents, patient_responsibility_cents)
                VALUES ('rem-x', ?, ?, '1', 0, 0)
                """, [.text(f.organizationID), .text(claim.claim.id)])
        }
        #expect(try deadlines(f, claim.claim.id) == [nil, "2026-06-29", nil])
    }

    @Test func aDeniedClaimCountsFromItsNewestRemitWhileThePayerHasAppealDays() throws {
        let f = try StoreFixture()
        let claim = try f.store.claimWork.add(organizationID: f.organizationID, claim: NewClaim(
            claimNumber: "D-2", payerID: f.payer.id, patientID: nil, serviceStart: Day("2026-03-01"), serviceEnd: nil,
            amounts: ClaimAmounts(billed: Cents(10_000), expected: Cents(10_000)), submissions: [],
            remittances: [Remittance(statusCode: "4", paid: .zero, patientResponsibility: .zero, paidOn: Day("2026-04-01"),
                                     adjustments: [RemittanceAdjustment(carc: CARC("CO-50")!, amount: Cents(10_000), level: .claim)],
                                     remarkCodes: [], sourceFile: nil)]), actorID: nil)
        #expect(try deadlines(f, claim.claim.id) == ["2026-05-31", "2026-05-30", "2026-05-31"])   // 2026-04-01 + 60 days

        _ = try f.open([claim])
        let due = try f.store.dashboards.appealsDue(organizationID: f.organizationID, today: Day("2026-05-27")!)
        #expect(due == AppealsDue(pastDue: 0, dueWithin7Days: 1, dueWithin30Days: 1))
        #expect(try f.store.dashboards.appealsDue(organizationID: f.organizationID, today: Day("2026-06-01")!)
                == AppealsDue(pastDue: 1, dueWithin7Days: 0, dueWithin30Days: 0))

        var payer = f.payer
        payer.appealDays = nil
        _ = try PayerWork(database: f.store).update(organizationID: f.organizationID, id: payer.id, actorID: f.ann.userID) { _ in payer }
        #expect(try deadlines(f, claim.claim.id) == [nil, "2026-05-30", nil])
        #expect(try f.store.dashboards.appealsDue(organizationID: f.organizationID, today: Day("2026-05-27")!)
                == AppealsDue(pastDue: 0, dueWithin7Days: 0, dueWithin30Days: 0))
    }
}
