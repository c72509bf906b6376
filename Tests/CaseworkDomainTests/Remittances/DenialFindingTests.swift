import Testing
@testable import CaseworkDomain

@Suite struct DenialFindingTests {
    typealias F = RemittanceFixtures

    @Test func zeroPayWithANonContractualReasonIsADenial() {
        let remit = F.remit("A", charge: 10_000, paid: 0, [F.adj("CO-29", 10_000)], remarks: ["N211"])
        let finding = DenialFinding.find(expected: remit.allowed, remittances: [remit], categories: .seed)
        #expect(finding == DenialFinding(kind: .denial, amount: Cents(10_000), reasons: [CARC("CO-29")!], remarkCodes: ["N211"],
                                         category: "timely filing"))
    }

    @Test func patientResponsibilityOnlyIsCostShareNotADenial() {
        let remit = F.remit("A", charge: 5_000, paid: 0, pr: 5_000, [F.adj("PR-1", 5_000)])
        #expect(DenialFinding.find(expected: remit.allowed, remittances: [remit], categories: .seed) == nil)
    }

    @Test func contractualWriteDownAloneIsNothing() {
        let remit = F.remit("A", charge: 10_000, paid: 8_000, [F.adj("CO-45", 2_000)])
        #expect(DenialFinding.find(expected: remit.allowed, remittances: [remit], categories: .seed) == nil)
    }

    @Test func paidBelowAnExpectedAmountWithOnlyContractualIsUnderpayment() {
        let remit = F.remit("A", charge: 10_000, paid: 6_000, pr: 1_000, [F.adj("CO-45", 3_000), F.adj("PR-2", 1_000)])
        let finding = DenialFinding.find(expected: Cents(9_000), remittances: [remit], categories: .seed)
        #expect(finding?.kind == .underpayment)
        #expect(finding?.amount == Cents(2_000))
        #expect(finding?.category == "underpayment")
    }

    @Test func lineLevelReasonsCountAndTheLargestNamesTheCategory() {
        let remit = F.remit("A", charge: 30_000, paid: 10_000,
                            [F.adj("CO-16", 5_000, .line), F.adj("CO-50", 15_000, .line)])
        let finding = DenialFinding.find(expected: remit.allowed, remittances: [remit], categories: .seed)
        #expect(finding?.reasons == [CARC("CO-50")!, CARC("CO-16")!])
        #expect(finding?.amount == Cents(20_000))
        #expect(finding?.category == "medical necessity")
    }

    @Test func aReversalNetsOutTheDenialItTakesBack() {
        let original = F.remit("A", charge: 10_000, paid: 0, [F.adj("CO-16", 10_000)])
        let reversal = F.remit("A", status: "22", charge: -10_000, paid: 0, [F.adj("CO-16", -10_000)])
        let corrected = F.remit("A", charge: 10_000, paid: 9_000, [F.adj("CO-45", 1_000)])
        #expect(DenialFinding.find(expected: corrected.allowed, remittances: [original, reversal, corrected], categories: .seed) == nil)
    }

    @Test func unmappedCodesAreOther() {
        let remit = F.remit("A", charge: 1_000, paid: 0, [F.adj("OA-999", 1_000)])
        #expect(DenialFinding.find(expected: remit.allowed, remittances: [remit], categories: .seed)?.category == "other")
        let custom = DenialCategories(subjectsByCode: ["999": "eligibility"])
        #expect(DenialFinding.find(expected: remit.allowed, remittances: [remit], categories: custom)?.category == "eligibility")
    }
}

@Suite struct ReversalOnlyTests {
    typealias F = RemittanceFixtures

    @Test func aReversalAloneIsNoDenialAndOwesNothing() {
        let reversal = F.remit("R", status: "22", charge: -5_000, paid: -4_000, [F.adj("CO-45", -1_000)])
        #expect(DenialFinding.find(expected: .zero, remittances: [reversal], categories: .seed) == nil)
        let plan = PostingPlanner.plan(F.payment([reversal]), state: F.state())
        #expect(plan.claimsToCreate.first?.billed == Cents(5_000))
        #expect(plan.claimUpdates.first?.amounts.outstanding == .zero)
        #expect(plan.denials.isEmpty)
    }
}
