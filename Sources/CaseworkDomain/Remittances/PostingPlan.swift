/// What posting one payment does, computed by `PostingPlanner` as a value and applied by storage
/// in one transaction. Claims are named by `ClaimRef`; claims the plan creates by their index.
public struct PostingPlan: Sendable, Hashable {
    public var claimsToCreate: [PlannedClaim] = []
    /// One per CLP of the payment, in order.
    public var postings: [ClaimPosting] = []
    /// Claims whose amounts, denial or expected change, with their values after the payment.
    public var claimUpdates: [ClaimUpdate] = []
    /// Denials as they stand after the payment, one per claim, in order of first appearance.
    public var denials: [FoundDenial] = []
    public var casesToOpen: [PlannedCase] = []
    public var caseUpdates: [CaseUpdate] = []
    /// Notes for the posting summary (claim numbers recorded under another number...).
    public var warnings: [String] = []

    public init() {}
}

/// A claim recorded by the plan or already stored.
public enum ClaimRef: Sendable, Hashable {
    case existing(String)
    /// Index into `claimsToCreate`.
    case new(Int)
}

/// A claim the remittance introduces (DESIGN §9: unknown claim numbers create the claim from the remit).
public struct PlannedClaim: Sendable, Hashable {
    /// CLP01, or `CLP01-N` when another payer's claim has that number.
    public var claimNumber: String
    public var patient: RemittedPatient?
    public var serviceStart: Day?
    public var serviceEnd: Day?
    public var billed: Cents
    public var payerClaimNumber: String?
}

/// One CLP posted to a claim.
public struct ClaimPosting: Sendable, Hashable {
    /// Index of the CLP in the payment.
    public var index: Int
    public var claim: ClaimRef
    public var claimNumber: String
    public var isReversal: Bool
}

/// A claim's figures after the payment.
public struct ClaimUpdate: Sendable, Hashable {
    public var claim: ClaimRef
    public var amounts: ClaimAmounts
    /// Denial reasons as `Claim.denialReasons` keeps them (empty when not denied).
    public var denialReasons: [CARC]
}

/// A denial found on a claim by this payment.
public struct FoundDenial: Sendable, Hashable {
    public var claim: ClaimRef
    public var claimNumber: String
    public var finding: DenialFinding
    /// What happened to it: `case_opened`, `added_to_case`, `noted_on_case`, `left` (no rule or a leave rule).
    public var outcome: Outcome
    /// The rule that decided, if any.
    public var ruleID: String?

    public enum Outcome: String, Sendable, Hashable { case caseOpened = "case_opened", addedToCase = "added_to_case", notedOnCase = "noted_on_case", left }
}

/// A case a rule opens.
public struct PlannedCase: Sendable, Hashable {
    public var ruleID: String
    public var subject: String
    public var carcCodes: [CARC]
    public var owner: Owner?
    public var priority: Priority
    public var followUpBy: Day?
    public var claims: [ClaimRef]
}

/// What the payment does to one active case.
public struct CaseUpdate: Sendable, Hashable {
    public var caseID: String
    /// Claims a grouping rule adds (rule 1 checked by the database as always).
    public var addedClaims: [ClaimRef] = []
    /// CARCs newly disputed (from denials on its claims); resolved ones that came back are un-resolved.
    public var addedCarcs: [CARC] = []
    public var denialNotes: [DenialNote] = []
    public var payments: [PaymentNote] = []
    /// CARCs no longer on any claim's newest remit, now resolved.
    public var resolvedCarcs: [CARC] = []
    public var outcome: PaidOutcome = .none

    public enum PaidOutcome: String, Sendable, Hashable { case none, resolve, flagPaymentReceived = "flag_payment_received" }

    public init(caseID: String) { self.caseID = caseID }

    public var isEmpty: Bool {
        addedClaims.isEmpty && addedCarcs.isEmpty && denialNotes.isEmpty && payments.isEmpty && resolvedCarcs.isEmpty && outcome == .none
    }
}

/// A timeline line: a new denial on a claim the case holds.
public struct DenialNote: Sendable, Hashable {
    public var claimNumber: String
    public var finding: DenialFinding
}

/// A timeline line: a remit posted to a claim the case holds.
public struct PaymentNote: Sendable, Hashable {
    public var claimNumber: String
    public var amount: Cents
}
