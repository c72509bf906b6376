/// One entry of a case's timeline: something a person logged or planned, or a system event.
public struct Activity: Sendable, Hashable {
    public var id: String
    public var caseID: String
    public var subject: String
    public var body: String
    public var details: ActivityDetails
    /// When it happened: for a call or e-mail, the time the caller gave (never after it was
    /// logged); for every other kind, when it was logged. The timeline is ordered by it.
    public var occurredAt: Instant
    public var createdAt: Instant
    /// The user who logged it (for a system event, the user whose action caused it).
    public var createdBy: String
    public var updatedAt: Instant
    public var updatedBy: String

    public init(id: String, caseID: String, subject: String, body: String, details: ActivityDetails,
                occurredAt: Instant? = nil, createdAt: Instant, createdBy: String, updatedAt: Instant, updatedBy: String) {
        self.id = id; self.caseID = caseID; self.subject = subject; self.body = body; self.details = details
        self.occurredAt = occurredAt ?? createdAt
        self.createdAt = createdAt; self.createdBy = createdBy; self.updatedAt = updatedAt; self.updatedBy = updatedBy
    }

    public var kind: ActivityKind { details.kind }

    /// Whether the kind records a past happening whose time the caller may give (`occurred_at`).
    public static func hasOccurrenceTime(_ kind: ActivityKind) -> Bool { kind == .phoneCall || kind == .email }

    /// How far after its logging a given `occurred_at` may be (a client clock running slightly
    /// fast), in seconds; beyond it the call or e-mail would have happened after it was logged.
    public static let clockSkewAllowance: Int64 = 60

    /// Checks a caller-given occurrence time for an entry of `kind` logged at `loggedAt` (now for a
    /// new entry, its `createdAt` for a correction): something is logged after it happens.
    /// - Throws: `.fieldNotOfKind` for a kind without one, `.occursAfterLogging` when after `loggedAt` (+ skew).
    public static func checkOccurrence(_ occurredAt: Instant, kind: ActivityKind, loggedAt: Instant) throws(ActivityRuleViolation) {
        guard hasOccurrenceTime(kind) else { throw .fieldNotOfKind(field: "occurred_at", kind: kind) }
        guard occurredAt.secondsSinceEpoch <= loggedAt.secondsSinceEpoch + clockSkewAllowance else { throw .occursAfterLogging }
    }

    /// Whether the activity is still to be done: an open task or a scheduled appointment.
    /// Resolving or canceling a case with such activities needs the caller's consent.
    public var isOpenWork: Bool {
        switch details {
        case .task(_, _, .open), .appointment(_, _, .scheduled): true
        default: false
        }
    }
}

/// The kinds of timeline entries.
public enum ActivityKind: String, Sendable, Hashable, CaseIterable {
    case note, email
    case phoneCall = "phone_call"
    case task, appointment
    /// Written by Casework itself: stage changes, claims added or removed, resolve, cancel, reactivate.
    case system
}

/// Which way a message or call went.
public enum Direction: String, Sendable, Hashable, CaseIterable {
    case inbound, outbound
}

/// E-mail state: a draft is sent later; a received e-mail starts as received.
public enum EmailState: String, Sendable, Hashable, CaseIterable {
    case draft, sent, received
}

/// Task state: open → completed or canceled.
public enum TaskState: String, Sendable, Hashable, CaseIterable {
    case open, completed, canceled
}

/// Appointment state: scheduled → completed or canceled.
public enum AppointmentState: String, Sendable, Hashable, CaseIterable {
    case scheduled, completed, canceled
}

/// What the system recorded on a timeline.
public enum SystemEvent: String, Sendable, Hashable, CaseIterable {
    case caseOpened = "case_opened"
    case stageChanged = "stage_changed"
    case claimAdded = "claim_added"
    case claimRemoved = "claim_removed"
    case resolved, canceled, reactivated
    case carcCodesResolved = "carc_codes_resolved"
    case openActivitiesCanceled = "open_activities_canceled"
    /// A remit (X12 835 CLP) was posted to one of the case's claims.
    case paymentPosted = "payment_posted"
    /// A posted remit denies one of the case's claims (again).
    case denialPosted = "denial_posted"
    /// A work rule opened the case for a posted denial.
    case openedByRule = "opened_by_rule"
    /// Every claim of the awaiting-payment case is paid; flagged for a person to resolve.
    case paymentReceived = "payment_received"
}

/// The kind-specific part of an activity.
public enum ActivityDetails: Sendable, Hashable {
    case note
    case email(direction: Direction, state: EmailState)
    case phoneCall(direction: Direction)
    /// Due date, assignee user id, state.
    case task(dueOn: Day?, assigneeID: String?, state: TaskState)
    /// Start and end instants (end ≥ start), state.
    case appointment(startsAt: Instant, endsAt: Instant, state: AppointmentState)
    /// A system event with a few key facts, e.g. `["from": "new", "to": "in_progress"]`.
    case system(event: SystemEvent, facts: [String: SystemFact])

    public var kind: ActivityKind {
        switch self {
        case .note: .note
        case .email: .email
        case .phoneCall: .phoneCall
        case .task: .task
        case .appointment: .appointment
        case .system: .system
        }
    }
}
