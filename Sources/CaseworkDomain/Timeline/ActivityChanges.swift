/// A partial update of an activity. nil members stay; the inner optional of nullable members clears.
public struct ActivityChanges: Sendable {
    public var subject: String?
    public var body: String?
    /// For an e-mail: draft → sent is the only move (a received e-mail stays received).
    public var emailState: EmailState?
    public var taskState: TaskState?
    public var dueOn: Day??
    public var assigneeID: String??
    public var appointmentState: AppointmentState?
    public var startsAt: Instant?
    public var endsAt: Instant?
    /// A call's or e-mail's corrected occurrence time.
    public var occurredAt: Instant?

    public init(subject: String? = nil, body: String? = nil, emailState: EmailState? = nil, taskState: TaskState? = nil,
                dueOn: Day?? = nil, assigneeID: String?? = nil, appointmentState: AppointmentState? = nil,
                startsAt: Instant? = nil, endsAt: Instant? = nil, occurredAt: Instant? = nil) {
        self.subject = subject; self.body = body; self.emailState = emailState; self.taskState = taskState
        self.dueOn = dueOn; self.assigneeID = assigneeID; self.appointmentState = appointmentState
        self.startsAt = startsAt; self.endsAt = endsAt; self.occurredAt = occurredAt
    }

    /// `current` with the changes applied, checking each kind's state machine.
    /// - Throws: `ActivityRuleViolation` for a field the kind does not have, a forbidden state move,
    ///   a change to a system event, an appointment ending before it starts, or an occurrence time
    ///   after the entry was logged (`createdAt`; see `Activity.checkOccurrence`).
    public func applied(to current: Activity) throws(ActivityRuleViolation) -> Activity {
        var next = current
        if case .system = current.details { throw .systemEventsAreReadOnly }
        if let occurredAt {
            try Activity.checkOccurrence(occurredAt, kind: current.kind, loggedAt: current.createdAt)
            next.occurredAt = occurredAt
        }
        if let subject { next.subject = subject }
        if let body { next.body = body }
        switch current.details {
        case .note, .phoneCall:
            try reject(emailState: true, task: true, appointment: true, kind: current.kind)
        case .email(let direction, let state):
            try reject(emailState: false, task: true, appointment: true, kind: current.kind)
            if let target = emailState, target != state {
                guard state == .draft, target == .sent else { throw .illegalStateChange(from: state.rawValue, to: target.rawValue) }
                next.details = .email(direction: direction, state: target)
            }
        case .task(let due, let assignee, let state):
            try reject(emailState: true, task: false, appointment: true, kind: current.kind)
            var newState = state
            if let target = taskState, target != state {
                guard state == .open else { throw .illegalStateChange(from: state.rawValue, to: target.rawValue) }
                newState = target
            }
            next.details = .task(dueOn: dueOn ?? due, assigneeID: assigneeID ?? assignee, state: newState)
        case .appointment(let start, let end, let state):
            try reject(emailState: true, task: true, appointment: false, kind: current.kind)
            var newState = state
            if let target = appointmentState, target != state {
                guard state == .scheduled else { throw .illegalStateChange(from: state.rawValue, to: target.rawValue) }
                newState = target
            }
            let newStart = startsAt ?? start, newEnd = endsAt ?? end
            guard newEnd >= newStart else { throw .endsBeforeStart }
            next.details = .appointment(startsAt: newStart, endsAt: newEnd, state: newState)
        case .system:
            throw .systemEventsAreReadOnly
        }
        return next
    }

    private func reject(emailState rejectEmail: Bool, task rejectTask: Bool, appointment rejectAppointment: Bool,
                        kind: ActivityKind) throws(ActivityRuleViolation) {
        if rejectEmail, emailState != nil { throw .fieldNotOfKind(field: "state", kind: kind) }
        if rejectTask, taskState != nil || dueOn != nil || assigneeID != nil {
            throw .fieldNotOfKind(field: taskState != nil ? "state" : dueOn != nil ? "due_on" : "assignee_id", kind: kind)
        }
        if rejectAppointment, appointmentState != nil || startsAt != nil || endsAt != nil {
            throw .fieldNotOfKind(field: appointmentState != nil ? "state" : startsAt != nil ? "starts_at" : "ends_at", kind: kind)
        }
    }
}

/// A timeline change that breaks a rule.
public enum ActivityRuleViolation: Error, Sendable, Equatable {
    /// The activity kind has no such field (e.g. `due_on` on a note).
    case fieldNotOfKind(field: String, kind: ActivityKind)
    /// The state machine forbids the move (e.g. a completed task back to open).
    case illegalStateChange(from: String, to: String)
    /// Appointments end at or after their start.
    case endsBeforeStart
    /// System events are written by Casework and never edited.
    case systemEventsAreReadOnly
    /// Open tasks and scheduled appointments are planned only on active cases.
    case openWorkOnClosedCase
    /// A call or e-mail is logged after it happened: `occurred_at` is not after it was logged.
    case occursAfterLogging
}
