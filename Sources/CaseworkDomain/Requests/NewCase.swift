/// What a caller asks for when opening a case; validated values, not yet stored.
public struct NewCase: Sendable {
    /// The claims to put on the case, each whole (`submissionID` nil) or one submission of it.
    public var claims: [(claimID: String, submissionID: String?)]
    public var subject: String
    public var tags: [String]
    public var carcCodes: [CARC]
    public var resolvedCarcCodes: [CARC]
    public var description: String
    public var followUpBy: Day?
    public var priority: Priority
    public var owner: Owner?
    public var stage: Stage

    public init(claims: [(claimID: String, submissionID: String?)], subject: String, tags: [String] = [],
                carcCodes: [CARC] = [], resolvedCarcCodes: [CARC] = [], description: String = "",
                followUpBy: Day? = nil, priority: Priority = .normal, owner: Owner? = nil, stage: Stage = .new) {
        self.claims = claims; self.subject = subject; self.tags = tags; self.carcCodes = carcCodes
        self.resolvedCarcCodes = resolvedCarcCodes; self.description = description
        self.followUpBy = followUpBy; self.priority = priority; self.owner = owner; self.stage = stage
    }
}
