import CaseworkDomain
import X12

/// Reads and writes of posting X12 835 payments (DESIGN §9): payments, their remits, the claims they
/// introduce or change, and the summaries kept for a repeat of the same payment.
public protocol RemittanceWrites {
    /// The organization's oldest payer with electronic id `electronicID` (N104 or REF*2U), or nil.
    func payer(organizationID: String, electronicID: String) throws -> Payer?
    /// The organization's oldest payer named exactly `name`, or nil.
    func payer(organizationID: String, named name: String) throws -> Payer?
    /// The organization's effective denial categories: the seed overlaid with its own entries.
    func denialCategories(organizationID: String) throws -> DenialCategories
    /// The summary kept with the payer's payment of the same content (`fingerprint`), or nil when it is new.
    func postedSummary(organizationID: String, payerID: String, fingerprint: String) throws -> PostingSummary?
    /// Whether the payer's payments already include trace number `traceNumber` (TRN02).
    func traceNumberPosted(organizationID: String, payerID: String, traceNumber: String) throws -> Bool
    /// What a payment's plan is computed from: the claims its CLPs name (matched to the payer), the
    /// claim numbers other payers hold, the active cases holding them and those grouping rules opened.
    func postingState(organizationID: String, payerID: String, advice: PaymentAdvice, rules: [WorkRule], categories: DenialCategories,
                      autoResolvePaidCases: Bool, today: Day) throws -> PostingState
    /// The id of the organization's oldest patient with these names and member id (nil matches nil), or nil.
    func patientID(organizationID: String, lastName: String, firstName: String, memberID: String?) throws -> String?
    /// Stores the payment (BPR, TRN, parties, PLB adjustments, imbalances) posted `at` by `userID`, with an empty summary.
    func insertPayment(id: String, organizationID: String, payerID: String, era: ERAPayment, sourceName: String?, at: Instant,
                       by userID: String) throws
    /// Stores one CLP loop of the payment as the claim's remit number `seq`: the remit, its CAS and service lines.
    func insertRemit(id: String, organizationID: String, claimID: String, paymentID: String, position: Int, seq: Int, claim: ERAClaim, remit: RemittedClaim,
                     paidOn: Day?, sourceName: String?) throws
    /// Stores a claim a payment introduced, with its figures after the payment, stamped `at`.
    func insertPostedClaim(_ claim: Claim, organizationID: String, deniedCents: Int, denialCategory: String?, lastRemittedOn: Day?,
                           at: Instant) throws
    /// Stores a claim's figures after a payment (`lastRemittedOn` nil keeps the one stored), stamped `at`.
    func updatePostedClaim(claimID: String, amounts: ClaimAmounts, denialReasons: [CARC], deniedCents: Int, denialCategory: String?,
                           lastRemittedOn: Day?, at: Instant) throws
    /// The number of case `caseID`, or nil.
    func caseNumber(caseID: String) throws -> CaseNumber?
    /// Keeps the payment's summary with it, answered again to a repeat of the same payment.
    func savePostingSummary(_ summary: PostingSummary, paymentID: String) throws
}
