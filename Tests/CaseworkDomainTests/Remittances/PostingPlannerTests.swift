import Testing
@testable import CaseworkDomain

@Suite struct PostingPlannerTests {
    typealias F = RemittanceFixtures

    @Test func unknownClaimsAreCreatedAndKnownOnesMatched() {
        let known = ClaimState(id: "c1", claimNumber: "A", amounts: ClaimAmounts(billed: Cents(10_000), expected: Cents(10_000)),
                               remittances: [], activeCaseID: nil)
        let plan = PostingPlanner.plan(F.payment([F.remit("A", charge: 10_000, paid: 9_000, [F.adj("CO-45", 1_000)]),
                                                  F.remit("B", charge: 5_000, paid: 5_000)]),
                                       state: F.state(claims: ["A": known]))
        #expect(plan.claimsToCreate.map(\.claimNumber) == ["B"])
        #expect(plan.postings.map(\.claim) == [.existing("c1"), .new(0)])
        #expect(plan.claimUpdates.map(\.amounts.paid) == [Cents(9_000), Cents(5_000)])
        #expect(plan.claimUpdates.map(\.amounts.expected) == [Cents(9_000), Cents(5_000)])
        #expect(plan.denials.isEmpty && plan.casesToOpen.isEmpty)
    }

    @Test func aSplitClaimSumsItsAdjudicationsInOnePayment() {
        // emedny_sample.txt: three CLPs with one claim number; the second is a CO-29 denial.
        let plan = PostingPlanner.plan(F.payment([F.remit("P", charge: 3_425, paid: 3_425),
                                                  F.remit("P", status: "2", charge: 3_400, paid: 0, [F.adj("CO-29", 3_400, .line)]),
                                                  F.remit("P", status: "2", charge: 3_425, paid: 1_150, [F.adj("CO-251", 2_275, .line)])]),
                                       state: F.state())
        #expect(plan.claimsToCreate.count == 1)
        #expect(plan.claimUpdates.first?.amounts == ClaimAmounts(billed: Cents(10_250), expected: Cents(10_250), paid: Cents(4_575)))
        #expect(plan.denials.first?.finding.category == "timely filing")
        #expect(plan.denials.first?.finding.amount == Cents(5_675))
    }

    @Test func aNumberHeldByAnotherPayerGetsASuffix() {
        let plan = PostingPlanner.plan(F.payment([F.remit("A", charge: 100, paid: 100)]), state: F.state(taken: ["A", "A-2"]))
        #expect(plan.claimsToCreate.map(\.claimNumber) == ["A-3"])
        #expect(plan.warnings.count == 1)
    }

    @Test func firstMatchingRuleOpensACaseWithTheDenialsCodes() {
        let rules = [F.rule("r-big", position: 2, minimum: 50_000), F.rule("r-timely", position: 1, category: "timely filing", priority: .high),
                     F.rule("r-any", position: 3, owner: .team("t1"), followUpDays: nil)]
        let plan = PostingPlanner.plan(F.payment([F.remit("A", charge: 10_000, paid: 0, [F.adj("CO-29", 10_000)]),
                                                  F.remit("B", charge: 2_000, paid: 0, [F.adj("CO-16", 2_000)])]),
                                       state: F.state(rules: rules))
        #expect(plan.casesToOpen.count == 2)
        #expect(plan.casesToOpen[0] == PlannedCase(ruleID: "r-timely", subject: "timely filing", carcCodes: [CARC("CO-29")!], owner: .user("u1"),
                                                   priority: .high, followUpBy: Day("2026-12-06"), claims: [.new(0)]))
        #expect(plan.casesToOpen[1].ruleID == "r-any")
        #expect(plan.casesToOpen[1].owner == .team("t1"))
        #expect(plan.casesToOpen[1].followUpBy == nil)
        #expect(plan.denials.map(\.outcome) == [.caseOpened, .caseOpened])
    }

    @Test func leaveRuleAndNoRuleLeaveTheDenialForAPerson() {
        let rules = [F.rule("r-leave", position: 1, category: "missing information", action: .leave)]
        let plan = PostingPlanner.plan(F.payment([F.remit("A", charge: 1_000, paid: 0, [F.adj("CO-16", 1_000)]),
                                                  F.remit("B", charge: 1_000, paid: 0, [F.adj("CO-50", 1_000)])]),
                                       state: F.state(rules: rules))
        #expect(plan.casesToOpen.isEmpty)
        #expect(plan.denials.map(\.outcome) == [.left, .left])
        #expect(plan.denials.map(\.ruleID) == ["r-leave", nil])
    }

    @Test func groupingRuleCollectsClaimsIntoOneCaseAndThenTheExistingOne() {
        let rules = [F.rule("r-group", position: 1, category: "missing information", action: .addToPayerCase)]
        let claims = [F.remit("A", charge: 1_000, paid: 0, [F.adj("CO-16", 1_000)]), F.remit("B", charge: 2_000, paid: 0, [F.adj("CO-252", 2_000)])]
        let first = PostingPlanner.plan(F.payment(claims), state: F.state(rules: rules))
        #expect(first.casesToOpen.count == 1)
        #expect(first.casesToOpen[0].claims == [.new(0), .new(1)])
        #expect(first.casesToOpen[0].carcCodes == [CARC("CO-16")!, CARC("CO-252")!])

        let open = CaseState(id: "case1", stage: .new, carcCodes: [CARC("CO-16")!], resolvedCarcCodes: [], claims: [:], hasOpenWork: false)
        let second = PostingPlanner.plan(F.payment([F.remit("C", charge: 500, paid: 0, [F.adj("CO-16", 500)])], trace: "T2"),
                                         state: F.state(cases: ["case1": open], ruleCases: ["r-group": ["missing information": "case1"]], rules: rules))
        #expect(second.casesToOpen.isEmpty)
        #expect(second.caseUpdates.map(\.caseID) == ["case1"])
        #expect(second.caseUpdates[0].addedClaims == [.new(0)])
        #expect(second.denials.map(\.outcome) == [.addedToCase])
    }

    @Test func ruleOneADeniedClaimOnAnActiveCaseIsNotedThere() {
        let held = ClaimState(id: "c1", claimNumber: "A", amounts: ClaimAmounts(billed: Cents(1_000), expected: Cents(1_000)),
                              remittances: [F.remit("A", charge: 1_000, paid: 0, [F.adj("CO-16", 1_000)])], activeCaseID: "case1")
        let open = CaseState(id: "case1", stage: .inProgress, carcCodes: [CARC("CO-16")!], resolvedCarcCodes: [],
                             claims: ["c1": CaseClaimState(outstanding: Cents(1_000), newestCarcs: [CARC("CO-16")!])], hasOpenWork: false)
        let plan = PostingPlanner.plan(F.payment([F.remit("A", charge: 1_000, paid: 0, [F.adj("CO-50", 1_000)])]),
                                       state: F.state(claims: ["A": held], cases: ["case1": open], rules: [F.rule("r", position: 1)]))
        #expect(plan.casesToOpen.isEmpty)
        #expect(plan.denials.map(\.outcome) == [.notedOnCase])
        let update = plan.caseUpdates.first
        #expect(update?.addedCarcs == [CARC("CO-50")!])
        #expect(update?.payments.count == 1)
        #expect(update?.denialNotes.count == 1)
    }

    @Test func paymentOnAnAwaitingPaymentCaseResolvesOrFlags() {
        let claim = ClaimState(id: "c1", claimNumber: "A", amounts: ClaimAmounts(billed: Cents(1_000), expected: Cents(1_000)),
                               remittances: [F.remit("A", charge: 1_000, paid: 0, [F.adj("CO-16", 1_000)])], activeCaseID: "case1")
        let open = CaseState(id: "case1", stage: .awaitingPayment, carcCodes: [CARC("CO-16")!], resolvedCarcCodes: [],
                             claims: ["c1": CaseClaimState(outstanding: Cents(1_000), newestCarcs: [CARC("CO-16")!])], hasOpenWork: false)
        let paid = F.payment([F.remit("A", charge: 1_000, paid: 1_000)], trace: "T9")
        let on = PostingPlanner.plan(paid, state: F.state(claims: ["A": claim], cases: ["case1": open], autoResolve: true))
        #expect(on.caseUpdates.first?.outcome == .resolve)
        #expect(on.caseUpdates.first?.resolvedCarcs == [CARC("CO-16")!])
        #expect(on.caseUpdates.first?.payments == [PaymentNote(claimNumber: "A", amount: Cents(1_000))])
        let off = PostingPlanner.plan(paid, state: F.state(claims: ["A": claim], cases: ["case1": open], autoResolve: false))
        #expect(off.caseUpdates.first?.outcome == .flagPaymentReceived)
        var busy = open
        busy.hasOpenWork = true
        let blocked = PostingPlanner.plan(paid, state: F.state(claims: ["A": claim], cases: ["case1": busy], autoResolve: true))
        #expect(blocked.caseUpdates.first?.outcome == .flagPaymentReceived)
        var working = open
        working.stage = .inProgress
        let notAwaiting = PostingPlanner.plan(paid, state: F.state(claims: ["A": claim], cases: ["case1": working], autoResolve: true))
        #expect(notAwaiting.caseUpdates.first?.outcome == PaidOutcomeNone.value)
    }

    @Test func reversalAndCorrectionInOnePaymentNetToTheCorrection() {
        let first = F.remit("A", charge: 10_000, paid: 7_000, pr: 1_000, [F.adj("CO-45", 2_000), F.adj("PR-2", 1_000)])
        let claim = ClaimState(id: "c1", claimNumber: "A", amounts: ClaimAmounts(billed: Cents(10_000), expected: Cents(8_000), paid: Cents(7_000),
                                                                                  costShare: Cents(1_000)),
                               remittances: [first], activeCaseID: nil)
        let reversal = F.remit("A", status: "22", charge: -10_000, paid: -7_000, pr: -1_000, [F.adj("CO-45", -2_000), F.adj("PR-2", -1_000)])
        let corrected = F.remit("A", charge: 10_000, paid: 8_500, pr: 500, [F.adj("CO-45", 1_000), F.adj("PR-2", 500)])
        let plan = PostingPlanner.plan(F.payment([reversal, corrected]), state: F.state(claims: ["A": claim]))
        #expect(plan.postings.map(\.isReversal) == [true, false])
        #expect(plan.claimUpdates.count == 1)
        #expect(plan.claimUpdates[0].amounts.paid == Cents(8_500))
        #expect(plan.claimUpdates[0].amounts.costShare == Cents(500))
        #expect(plan.claimUpdates[0].amounts.expected == Cents(9_000))
    }
}

/// `CaseUpdate.PaidOutcome.none`, named so that `#expect` does not read it as `Optional.none`.
enum PaidOutcomeNone { static let value: CaseUpdate.PaidOutcome = .none }
