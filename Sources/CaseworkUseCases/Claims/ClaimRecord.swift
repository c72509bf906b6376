import CaseworkDomain

/// A claim as shown to clients: the claim, its submissions, and the active case holding it.
public struct ClaimRecord: Sendable {
    public var claim: Claim
    public var submissions: [Submission]
    /// The one active case linked to the claim (rule 1), if any.
    public var activeCase: CaseReference?

    public init(claim: Claim, submissions: [Submission], activeCase: CaseReference?) {
        self.claim = claim; self.submissions = submissions; self.activeCase = activeCase
    }
}

/// A case named by id and number, e.g. in a 409 or on a claim.
public struct CaseReference: Sendable, Hashable {
    public var id: String
    public var number: CaseNumber

    public init(id: String, number: CaseNumber) {
        self.id = id; self.number = number
    }
}
