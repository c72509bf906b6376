import CaseworkDomain

/// A case as shown to clients: the case, names of what it points to, its claims and totals.
public struct CaseRecord: Sendable {
    public var `case`: Case
    public var payerName: String
    /// "First Last" of the case's patient, when it has one.
    public var patientName: String?
    public var ownerName: String?
    public var claims: [LinkedClaim]
    public var totals: CaseTotals
    /// Subjects of the open tasks on the case's timeline.
    public var openTasks: [String]
    /// The earliest deadline of its claims still open (the case's stored `deadline`, migration 0012).
    public var deadline: Day?
    /// Set when a payment left nothing outstanding on an awaiting-payment case that was not resolved automatically.
    public var paymentReceived: Bool

    public init(case theCase: Case, payerName: String, patientName: String?, ownerName: String?, claims: [LinkedClaim],
                totals: CaseTotals, openTasks: [String], deadline: Day?, paymentReceived: Bool) {
        self.case = theCase; self.payerName = payerName; self.patientName = patientName; self.ownerName = ownerName
        self.claims = claims; self.totals = totals; self.openTasks = openTasks; self.deadline = deadline
        self.paymentReceived = paymentReceived
    }
}

/// One claim on a case, with the submission the link is about (nil: all submissions).
public struct LinkedClaim: Sendable {
    public var claim: Claim
    public var submissionID: String?
    public var linkedAt: Instant

    public init(claim: Claim, submissionID: String?, linkedAt: Instant) {
        self.claim = claim; self.submissionID = submissionID; self.linkedAt = linkedAt
    }
}
