/// A bill to one payer for one patient's services, identified by the provider's claim number
/// (patient control number, X12 835 CLP01 / 837 CLM01), unique per organization.
public struct Claim: Sendable, Hashable {
    public var id: String
    public var claimNumber: String
    public var payerID: String
    public var patientID: String?
    public var serviceStart: Day?
    public var serviceEnd: Day?
    public var amounts: ClaimAmounts
    /// Non-empty when the claim counts as denied (see `Denial`).
    public var denialReasons: [CARC]

    public init(id: String, claimNumber: String, payerID: String, patientID: String?, serviceStart: Day?,
                serviceEnd: Day?, amounts: ClaimAmounts, denialReasons: [CARC]) {
        self.id = id; self.claimNumber = claimNumber; self.payerID = payerID; self.patientID = patientID
        self.serviceStart = serviceStart; self.serviceEnd = serviceEnd; self.amounts = amounts
        self.denialReasons = denialReasons
    }

    public var isDenied: Bool { !denialReasons.isEmpty }

    /// The day the claim starts aging (see `AgingBucket`): its first submission's date among
    /// `submissions`, else its first service date; nil when neither is known.
    public func agingStart(submissions: [Submission]) -> Day? {
        submissions.compactMap(\.submittedOn).min() ?? serviceStart
    }
}
