/// A claim to record, with its submissions and any remittances already received.
public struct NewClaim: Sendable {
    public var claimNumber: String
    public var payerID: String
    public var patientID: String?
    public var serviceStart: Day?
    public var serviceEnd: Day?
    public var amounts: ClaimAmounts
    /// Submissions in sequence order; when empty, no submission is recorded.
    public var submissions: [NewSubmission]
    public var remittances: [Remittance]

    public init(claimNumber: String, payerID: String, patientID: String?, serviceStart: Day?, serviceEnd: Day?,
                amounts: ClaimAmounts, submissions: [NewSubmission], remittances: [Remittance]) {
        self.claimNumber = claimNumber; self.payerID = payerID; self.patientID = patientID
        self.serviceStart = serviceStart; self.serviceEnd = serviceEnd; self.amounts = amounts
        self.submissions = submissions; self.remittances = remittances
    }
}

/// A submission to record; its sequence is the next free one of the claim unless given.
public struct NewSubmission: Sendable {
    public var sequence: Int?
    public var frequencyCode: FrequencyCode
    public var submittedOn: Day?
    public var payerClaimNumber: String?

    public init(sequence: Int? = nil, frequencyCode: FrequencyCode, submittedOn: Day?, payerClaimNumber: String?) {
        self.sequence = sequence; self.frequencyCode = frequencyCode
        self.submittedOn = submittedOn; self.payerClaimNumber = payerClaimNumber
    }
}
