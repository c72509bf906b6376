import Testing
@testable import CaseworkDomain

@Suite struct CaseRulesTests {
    @Test func resolvedCodesMustBeDisputed() {
        let co16 = CARC("CO-16")!, oa18 = CARC("OA-18")!, co29 = CARC("CO-29")!
        #expect(throws: Never.self) { try CaseRules.checkResolvedCodes([co16], disputed: [co16, oa18]) }
        #expect(throws: CaseRuleViolation.resolvedCodesNotDisputed([co29])) {
            try CaseRules.checkResolvedCodes([co16, co29], disputed: [co16, oa18])
        }
    }

    @Test func claimsMustShareOnePayer() {
        #expect(throws: CaseRuleViolation.noClaims) { try CaseRules.sharedPayer(of: []) }
        #expect(throws: CaseRuleViolation.duplicateClaim(claimID: "a")) {
            try CaseRules.sharedPayer(of: [("a", "p1"), ("a", "p1")])
        }
        #expect(throws: CaseRuleViolation.payerMismatch(claimID: "b", casePayerID: "p1", claimPayerID: "p2")) {
            try CaseRules.sharedPayer(of: [("a", "p1"), ("b", "p2")])
        }
        #expect((try? CaseRules.sharedPayer(of: [("a", "p1"), ("b", "p1")])) == "p1")
    }

    @Test func patientIsSetOnlyWhenShared() {
        #expect(CaseRules.sharedPatient(of: ["x", "x"]) == "x")
        #expect(CaseRules.sharedPatient(of: ["x", "y"]) == nil)
        #expect(CaseRules.sharedPatient(of: ["x", nil]) == nil)
        #expect(CaseRules.sharedPatient(of: []) == nil)
    }

    @Test func closedCasesRefuseChangesAndActiveOnesRefuseReactivation() {
        #expect(throws: CaseRuleViolation.caseNotActive(status: .resolved)) { try CaseRules.requireActive(.resolved) }
        #expect(throws: CaseRuleViolation.caseAlreadyActive) { try CaseRules.requireClosed(.active) }
        #expect(throws: Never.self) { try CaseRules.requireClosed(.canceled) }
    }

    @Test func changesApplyAndCheckRules() throws {
        let base = Case(id: "case_1", number: CaseNumber(sequence: 7), payerID: "p", patientID: nil, subject: "other", tags: [],
                        carcCodes: [CARC("CO-16")!], resolvedCarcCodes: [], description: "", followUpBy: Day("2026-12-01"),
                        priority: .normal, owner: nil, stage: .new, status: .active, resolutionNote: nil,
                        createdAt: Instant(secondsSinceEpoch: 0), createdBy: "u", updatedAt: Instant(secondsSinceEpoch: 0),
                        updatedBy: "u", resolvedAt: nil, canceledAt: nil, revision: 1)
        let moved = try CaseChanges(tags: [" appeal ", "appeal", ""], followUpBy: .some(nil), stage: .awaitingPayment).applied(to: base)
        #expect(moved.stage == .awaitingPayment)
        #expect(moved.tags == ["appeal"])
        #expect(moved.followUpBy == nil)
        #expect(throws: CaseRuleViolation.resolvedCodesNotDisputed([CARC("OA-18")!])) {
            try CaseChanges(resolvedCarcCodes: [CARC("OA-18")!]).applied(to: base)
        }
        var closed = base
        closed.status = .canceled
        #expect(throws: CaseRuleViolation.caseNotActive(status: .canceled)) { try CaseChanges(stage: .inProgress).applied(to: closed) }
        #expect(base.number.description == "CASE-000007")
        #expect(base.isOverdue(today: Day("2026-12-02")!))
        #expect(!base.isOverdue(today: Day("2026-12-01")!))
    }
}
