/// An activity a user logs or plans on a case; validated values, not yet stored.
public struct NewActivity: Sendable {
    public var subject: String
    public var body: String
    /// Any kind but `.system`, which only Casework writes.
    public var details: ActivityDetails

    public init(subject: String, body: String, details: ActivityDetails) {
        self.subject = subject; self.body = body; self.details = details
    }

    /// Checks what the kinds require of a new entry.
    /// - Throws: `ActivityRuleViolation.systemEventsAreReadOnly` for a system entry, `.endsBeforeStart`,
    ///   `.openWorkOnClosedCase` when planning open work on a closed case.
    public func check(caseStatus: CaseStatus) throws(ActivityRuleViolation) {
        switch details {
        case .system: throw .systemEventsAreReadOnly
        case .appointment(let start, let end, _) where end < start: throw .endsBeforeStart
        default: break
        }
        let probe = Activity(id: "", caseID: "", subject: subject, body: body, details: details,
                             createdAt: Instant(secondsSinceEpoch: 0), createdBy: "", updatedAt: Instant(secondsSinceEpoch: 0), updatedBy: "")
        if probe.isOpenWork && caseStatus != .active { throw .openWorkOnClosedCase }
    }
}
