@testable import CaseworkDomain

/// Small builders for remits and posting states.
enum RemittanceFixtures {
    static func adj(_ carc: String, _ cents: Int, _ level: RemittanceAdjustment.Level = .claim) -> RemittanceAdjustment {
        RemittanceAdjustment(carc: CARC(carc)!, amount: Cents(cents), level: level)
    }

    static func remit(_ number: String, status: String = "1", charge: Int, paid: Int, pr: Int = 0,
                      _ adjustments: [RemittanceAdjustment] = [], remarks: [String] = []) -> RemittedClaim {
        RemittedClaim(claimNumber: number, statusCode: status, charge: Cents(charge), paid: Cents(paid), patientResponsibility: Cents(pr),
                      payerClaimNumber: nil, adjustments: adjustments, remarkCodes: remarks,
                      serviceStart: Day("2026-10-01"), serviceEnd: Day("2026-10-01"),
                      patient: RemittedPatient(firstName: "Test", lastName: "Patient", memberID: "M1"))
    }

    static func payment(_ claims: [RemittedClaim], trace: String = "T1") -> PaymentAdvice {
        PaymentAdvice(paymentDate: Day("2026-11-02"), claims: claims)
    }

    static func rule(_ id: String, position: Int, category: String? = nil, carc: String? = nil, minimum: Int? = nil,
                     action: WorkRule.Action = .openCase, owner: Owner? = .user("u1"), priority: Priority = .normal,
                     followUpDays: Int? = 5) -> WorkRule {
        WorkRule(id: id, position: position, name: id, payerID: nil, category: category, carc: carc.flatMap(CARC.init),
                 minimumDeniedAmount: minimum.map(Cents.init), action: action, owner: owner, priority: priority, followUpDays: followUpDays)
    }

    static func state(claims: [String: ClaimState] = [:], cases: [String: CaseState] = [:], ruleCases: [String: [String: String]] = [:],
                      rules: [WorkRule] = [], autoResolve: Bool = false, taken: Set<String> = []) -> PostingState {
        PostingState(payerID: "pay1", claims: claims, numbersTaken: taken, cases: cases, ruleCases: ruleCases, rules: rules,
                     categories: .seed, autoResolvePaidCases: autoResolve, today: Day("2026-12-01")!)
    }
}

extension RemittedClaim {
    /// What the remit leaves collectable: charge − contractual adjustments (the planner's expected).
    var allowed: Cents { charge - contractualAdjustment }
}
