import CaseworkDomain

/// Filters of the organization's open work: open tasks and scheduled appointments of every case.
public struct OpenWorkQuery: Sendable {
    /// Who the work is for: a task's assignee, an appointment's creator (who keeps it). Nil: everyone.
    public enum Person: Sendable, Equatable {
        case user(String)
        /// Tasks nobody is assigned to (appointments never match).
        case nobody
    }

    public var person: Person?
    /// Only tasks or only appointments; nil for both.
    public var kind: ActivityKind?
    /// Only work already late: a task due before `today`, an appointment that started before `now`.
    public var overdue: Bool
    public var today: Day
    public var now: Instant

    public init(person: Person? = nil, kind: ActivityKind? = nil, overdue: Bool = false, today: Day, now: Instant) {
        self.person = person; self.kind = kind; self.overdue = overdue; self.today = today; self.now = now
    }
}

/// One open task or scheduled appointment with the number of its case.
public struct OpenWorkItem: Sendable {
    public var activity: Activity
    public var caseNumber: CaseNumber

    /// A value with every field given (as documented on the type).
    public init(activity: Activity, caseNumber: CaseNumber) {
        self.activity = activity; self.caseNumber = caseNumber
    }
}
