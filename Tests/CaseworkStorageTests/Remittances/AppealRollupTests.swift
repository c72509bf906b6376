import CaseworkDomain
import CaseworkUseCases
import Foundation
import Testing
@testable import CaseworkStorage

@Suite struct AppealRollupTests {
    /// A denied claim (CO-50, nothing paid) remitted on `remittedOn`: with the fixture payer's 60 appeal
    /// days its appeal deadline is 60 days later.
    private func denied(_ f: StoreFixture, _ number: String, remittedOn: String) throws -> ClaimRecord {
        try f.store.claimWork.add(organizationID: f.organizationID, claim: NewClaim(
            claimNumber: number, payerID: f.payer.id, patientID: nil, serviceStart: Day("2026-03-01"), serviceEnd: nil,
            amounts: ClaimAmounts(billed: Cents(10_000), expected: Cents(10_000)), submissions: [],
            remittances: [Remittance(statusCode: "4", paid: .zero, patientResponsibility: .zero, paidOn: Day(remittedOn),
                                     adjustments: [RemittanceAdjustment(carc: CARC("CO-50")!, amount: Cents(10_000), level: .claim)],
                                     remarkCodes: [], sourceFile: nil)]), actorID: nil)
    }

    /// Appeals due summed from case_appeal_rollup (no filter) equal the same figures counted over the
    /// cases (a filter that selects every case: the fixture's one payer), and check-aggregates finds the
    /// rollup equal to a recomputation, after every kind of change that moves a case in or out of it:
    /// opening, a second claim with an earlier deadline, the payer's appeal days changing and going
    /// away, resolving, reactivating, canceling.
    @Test func theRollupFollowsEveryChangeOfACasesDeadlineAndStatus() throws {
        let f = try StoreFixture()
        let today = Day("2026-05-27")!
        func check(_ expected: AppealsDue, _ step: String) throws {
            let summed = try f.store.dashboards.appealsDue(organizationID: f.organizationID, today: today)
            let counted = try f.store.dashboards.appealsDue(organizationID: f.organizationID, today: today,
                                                             query: CaseInsightsQuery(payerID: f.payer.id))
            #expect(summed == expected, "\(step): summed")
            #expect(counted == expected, "\(step): counted")
            #expect(try f.store.aggregates.run().mismatches.isEmpty, "\(step): check-aggregates")
        }
        let late = try denied(f, "R-1", remittedOn: "2026-04-20")     // deadline 2026-06-19: within 30 days
        let record = try f.open([late])
        try check(AppealsDue(pastDue: 0, dueWithin7Days: 0, dueWithin30Days: 1), "opened")

        let early = try denied(f, "R-2", remittedOn: "2026-03-20")    // deadline 2026-05-19: past
        _ = try f.store.caseWork.addClaims(caller: f.ann, caseID: record.case.id, claims: [(early.claim.id, nil)], expectedRevision: nil)
        try check(AppealsDue(pastDue: 1, dueWithin7Days: 0, dueWithin30Days: 0), "earlier claim linked")

        let other = try f.open([try denied(f, "R-3", remittedOn: "2026-04-01")])   // deadline 2026-05-31: within 7 days
        try check(AppealsDue(pastDue: 1, dueWithin7Days: 1, dueWithin30Days: 1), "second case")

        var payer = f.payer
        payer.appealDays = 90
        _ = try PayerWork(database: f.store).update(organizationID: f.organizationID, id: payer.id, actorID: f.ann.userID) { _ in payer }
        try check(AppealsDue(pastDue: 0, dueWithin7Days: 0, dueWithin30Days: 1), "appeal days 90")   // 06-18 and 06-30

        _ = try f.store.caseWork.close(caller: f.ann, id: other.case.id, closing: .resolve(resolvedCarcCodes: nil), note: nil,
                                    expectedRevision: nil)
        try check(AppealsDue(pastDue: 0, dueWithin7Days: 0, dueWithin30Days: 1), "resolved")
        _ = try f.store.caseWork.reactivate(caller: f.ann, id: other.case.id, expectedRevision: nil)
        try check(AppealsDue(pastDue: 0, dueWithin7Days: 0, dueWithin30Days: 1), "reactivated")
        _ = try f.store.caseWork.close(caller: f.ann, id: record.case.id, closing: .cancel, note: nil, expectedRevision: nil)
        try check(AppealsDue(pastDue: 0, dueWithin7Days: 0, dueWithin30Days: 0), "canceled")

        payer.appealDays = nil
        _ = try PayerWork(database: f.store).update(organizationID: f.organizationID, id: payer.id, actorID: f.ann.userID) { _ in payer }
        try check(AppealsDue(pastDue: 0, dueWithin7Days: 0, dueWithin30Days: 0), "no appeal days")
    }
}
