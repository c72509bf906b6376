import Testing
@testable import CaseworkDomain

@Suite struct ClaimAmountsTests {
    @Test func outstandingFollowsTheDesignFormula() {
        let amounts = ClaimAmounts(billed: Cents(20_000), expected: Cents(15_000), paid: Cents(9_000),
                                   costShare: Cents(2_000), costSharePaid: Cents(500), writeOff: Cents(1_000))
        #expect(amounts.outstanding == Cents(3_000))
        #expect(amounts.costShareOutstanding == Cents(1_500))
        let overpaid = ClaimAmounts(billed: Cents(100), expected: Cents(100), paid: Cents(150))
        #expect(overpaid.outstanding == Cents(-50))
    }

    @Test func denialComesFromAmountsAndCodesNotStatusAlone() {
        func remit(_ paid: Int, _ codes: [String], status: String = "1") -> Remittance {
            Remittance(statusCode: status, paid: Cents(paid), patientResponsibility: .zero, paidOn: nil,
                       adjustments: codes.map { RemittanceAdjustment(carc: CARC($0)!, amount: Cents(10), level: .claim) },
                       remarkCodes: [], sourceFile: nil)
        }
        #expect(Denial.reasons(expected: Cents(1000), remittances: [remit(0, ["CO-45", "CO-29"])]) == [CARC("CO-29")!])
        #expect(Denial.reasons(expected: Cents(1000), remittances: [remit(1000, ["CO-29"])]).isEmpty)
        #expect(Denial.reasons(expected: Cents(1000), remittances: [remit(0, ["CO-45", "PR-1"], status: "4")]).isEmpty)
        #expect(Denial.reasons(expected: Cents(1000), remittances: []).isEmpty)
        #expect(Denial.reasons(expected: Cents(1000), remittances: [remit(0, ["OA-18", "OA-18"])]) == [CARC("OA-18")!])
    }

    @Test func totalsSumLinkedClaims() {
        let totals = CaseTotals(claims: [
            (Day("2026-01-05"), Day("2026-01-06"), ClaimAmounts(billed: Cents(100), expected: Cents(80), paid: Cents(10), costShare: Cents(5))),
            (Day("2025-12-30"), nil, ClaimAmounts(billed: Cents(50), expected: Cents(40), costShare: Cents(3), costSharePaid: Cents(1))),
        ])
        #expect(totals.billableStart == Day("2025-12-30"))
        #expect(totals.billableEnd == Day("2026-01-06"))
        #expect(totals.totalExpected == Cents(120))
        #expect(totals.totalPaid == Cents(10))
        #expect(totals.totalOutstanding == Cents(65 + 37))
        #expect(totals.totalCostShareOutstanding == Cents(5 + 2))
    }
}
