/// A claim on a case: the whole claim ("all submissions") or one submission of it.
public struct CaseClaimLink: Sendable, Hashable {
    public var caseID: String
    public var claimID: String
    /// The submission the case is about, or nil for all submissions of the claim.
    public var submissionID: String?

    public init(caseID: String, claimID: String, submissionID: String?) {
        self.caseID = caseID; self.claimID = claimID; self.submissionID = submissionID
    }
}
