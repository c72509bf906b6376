/// One version of a claim sent to the payer, numbered from 1 within the claim.
public struct Submission: Sendable, Hashable {
    public var id: String
    public var claimID: String
    public var sequence: Int
    public var frequencyCode: FrequencyCode
    public var submittedOn: Day?
    /// The payer's claim control number for this submission (X12 835 CLP07).
    public var payerClaimNumber: String?

    public init(id: String, claimID: String, sequence: Int, frequencyCode: FrequencyCode,
                submittedOn: Day?, payerClaimNumber: String?) {
        self.id = id; self.claimID = claimID; self.sequence = sequence
        self.frequencyCode = frequencyCode; self.submittedOn = submittedOn
        self.payerClaimNumber = payerClaimNumber
    }
}
