/// What posting a payment needs to know of the organization, read in the posting's transaction.
public struct PostingState: Sendable {
    /// The payer of the payment (existing, or created by the plan's application).
    public var payerID: String
    /// Claims of this payer by the CLP01 claim numbers of the payment.
    public var claims: [String: ClaimState]
    /// Claim numbers already used by claims of other payers (CLP01 and its `-N` variants).
    public var numbersTaken: Set<String>
    /// Active cases holding any claim of the payment, or grouped into by a rule, by id.
    public var cases: [String: CaseState]
    /// Active cases a rule opened for this payer: rule id → subject → case id.
    public var ruleCases: [String: [String: String]]
    public var rules: [WorkRule]
    public var categories: DenialCategories
    /// Organization setting: resolve an awaiting-payment case once all its claims are paid.
    public var autoResolvePaidCases: Bool
    public var today: Day

    public init(payerID: String, claims: [String: ClaimState], numbersTaken: Set<String>, cases: [String: CaseState],
                ruleCases: [String: [String: String]], rules: [WorkRule], categories: DenialCategories,
                autoResolvePaidCases: Bool, today: Day) {
        self.payerID = payerID; self.claims = claims; self.numbersTaken = numbersTaken; self.cases = cases
        self.ruleCases = ruleCases; self.rules = rules; self.categories = categories
        self.autoResolvePaidCases = autoResolvePaidCases; self.today = today
    }
}

/// A recorded claim as posting sees it.
public struct ClaimState: Sendable, Hashable {
    public var id: String
    public var claimNumber: String
    public var amounts: ClaimAmounts
    /// Earlier remits, oldest first.
    public var remittances: [RemittedClaim]
    /// The active case holding it (rule 1), if any.
    public var activeCaseID: String?

    public init(id: String, claimNumber: String, amounts: ClaimAmounts, remittances: [RemittedClaim], activeCaseID: String?) {
        self.id = id; self.claimNumber = claimNumber; self.amounts = amounts
        self.remittances = remittances; self.activeCaseID = activeCaseID
    }
}

/// An active case as posting sees it.
public struct CaseState: Sendable, Hashable {
    public var id: String
    public var stage: Stage
    public var carcCodes: [CARC]
    public var resolvedCarcCodes: [CARC]
    /// Every claim on the case: its outstanding balance and the CARCs of its newest remit.
    public var claims: [String: CaseClaimState]
    /// Open tasks or scheduled appointments: an automatic resolve would need consent, so it flags instead.
    public var hasOpenWork: Bool

    public init(id: String, stage: Stage, carcCodes: [CARC], resolvedCarcCodes: [CARC], claims: [String: CaseClaimState], hasOpenWork: Bool) {
        self.id = id; self.stage = stage; self.carcCodes = carcCodes; self.resolvedCarcCodes = resolvedCarcCodes
        self.claims = claims; self.hasOpenWork = hasOpenWork
    }
}

/// A claim of a case: what decides whether the case is paid and which CARCs are gone.
public struct CaseClaimState: Sendable, Hashable {
    public var outstanding: Cents
    /// CARCs of the newest remit; nil when never remitted.
    public var newestCarcs: Set<CARC>?

    public init(outstanding: Cents, newestCarcs: Set<CARC>?) { self.outstanding = outstanding; self.newestCarcs = newestCarcs }
}
