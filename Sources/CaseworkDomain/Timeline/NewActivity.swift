/// An activity a user logs or plans on a case; validated values, not yet stored.
public struct NewActivity: Sendable {
    public var subject: String
    public var body: String
    /// Any kind but `.system`, which only Casework writes.
    public var details: ActivityDetails
    /// When a call or e-mail happened, if not now.
    public var occurredAt: Instant?

    public init(subject: String, body: String, details: ActivityDetails, occurredAt: Instant? = nil) {
        self.subject = subject; self.body = body; self.details = details; self.occurredAt = occurredAt
    }

    /// Checks what the kinds require of a new entry.
    /// - Throws: `ActivityRuleViolation.systemEventsAreReadOnly` for a system entry, `.endsBeforeStart`,
    ///   `.openWorkOnClosedCase` when planning open work on a closed case; for `occurredAt`,
    ///   `.fieldNotOfKind` unless a call or e-mail and `.occursAfterLogging` when after `now`.
    public func check(caseStatus: CaseStatus, now: Instant) throws(ActivityRuleViolation) {
        if let occurredAt { try Activity.checkOccurrence(occurredAt, kind: details.kind, loggedAt: now) }
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
