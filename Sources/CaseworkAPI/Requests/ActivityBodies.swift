import CaseworkDomain
import Foundation

/// Body of `POST /v1/cases/{id}/activities`. Members beyond `kind`, `subject` and `body` depend on the kind:
/// email `direction` + `state` (draft|sent|received, default draft for outbound, received for inbound);
/// phone_call `direction`; task `due_on`, `assignee_id` (state starts open); appointment `starts_at`, `ends_at`.
/// A phone_call or email may give `occurred_at`, when it happened (not in the future; default now).
struct CreateActivityBody: Decodable {
    let kind: String
    let subject: String
    let body: String?
    let direction: String?
    let state: String?
    let due_on: String?
    let assignee_id: String?
    let starts_at: String?
    let ends_at: String?
    let occurred_at: String?

    func validated() throws -> NewActivity {
        var v = FieldValidation()
        let subject = v.text(self.subject, at: "/subject", limit: 300)
        let body = v.text(self.body ?? "", at: "/body", limit: 50_000, allowEmpty: true)
        let kind = v.choice(self.kind, ActivityKind.self, at: "/kind")
        var details: ActivityDetails?
        func forbid(_ members: [(String, Any?)]) {
            for (name, value) in members where value != nil { v.fail("/\(name)", "Not a field of \(kind.map(ErrorMapping.named) ?? "this kind").") }
        }
        if let kind, !Activity.hasOccurrenceTime(kind) { forbid([("occurred_at", occurred_at)]) }
        let occurredAt = occurred_at.flatMap { instant($0, "/occurred_at", &v) }
        if let occurredAt, let kind, Activity.hasOccurrenceTime(kind),
           (try? Activity.checkOccurrence(occurredAt, kind: kind, loggedAt: Instant.now())) == nil {
            v.fail("/occurred_at", ErrorMapping.occursAfterLoggingDetail)
        }
        switch kind {
        case .note:
            forbid([("direction", direction), ("state", state), ("due_on", due_on), ("assignee_id", assignee_id), ("starts_at", starts_at), ("ends_at", ends_at)])
            details = .note
        case .email:
            forbid([("due_on", due_on), ("assignee_id", assignee_id), ("starts_at", starts_at), ("ends_at", ends_at)])
            let dir = direction.flatMap { v.choice($0, Direction.self, at: "/direction") } ?? .outbound
            let st = state.flatMap { v.choice($0, EmailState.self, at: "/state") } ?? (dir == .inbound ? .received : .draft)
            if dir == .inbound && st != .received { v.fail("/state", "An inbound e-mail is received.") }
            if dir == .outbound && st == .received { v.fail("/state", "An outbound e-mail is a draft or sent.") }
            details = .email(direction: dir, state: st)
        case .phoneCall:
            forbid([("state", state), ("due_on", due_on), ("assignee_id", assignee_id), ("starts_at", starts_at), ("ends_at", ends_at)])
            if direction == nil { v.fail("/direction", "This field is required.") }
            if let dir = direction.flatMap({ v.choice($0, Direction.self, at: "/direction") }) { details = .phoneCall(direction: dir) }
        case .task:
            forbid([("direction", direction), ("starts_at", starts_at), ("ends_at", ends_at)])
            if let state, state != "open" { v.fail("/state", "A new task is open.") }
            details = .task(dueOn: due_on.flatMap { v.day($0, at: "/due_on") }, assigneeID: assignee_id, state: .open)
        case .appointment:
            forbid([("direction", direction), ("due_on", due_on), ("assignee_id", assignee_id)])
            let st = state.flatMap { v.choice($0, AppointmentState.self, at: "/state") } ?? .scheduled
            let start = instant(starts_at, "/starts_at", &v), end = instant(ends_at, "/ends_at", &v)
            if let start, let end {
                if end < start { v.fail("/ends_at", "Must not be before starts_at.") }
                details = .appointment(startsAt: start, endsAt: end, state: st)
            }
        case .system:
            v.fail("/kind", "System entries are written by Casework.")
        case nil:
            break
        }
        try v.check()
        guard let details else { throw APIError.validation(v.errors) }
        return NewActivity(subject: subject ?? "", body: body ?? "", details: details, occurredAt: occurredAt)
    }
}

/// Body of `PATCH /v1/activities/{id}`: present members change; `due_on` and `assignee_id` may be null.
struct PatchActivityBody: Decodable {
    private enum Key: String, CodingKey, CaseIterable { case subject, body, state, due_on, assignee_id, starts_at, ends_at, occurred_at }
    var subject: String?
    var body: String?
    var state: String?
    var dueOn: String??
    var assigneeID: String??
    var startsAt: String?
    var endsAt: String?
    var occurredAt: String?
    /// Members sent as `null` that cannot be cleared.
    var nullMembers: [String] = []

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        for key in Key.allCases where key != .due_on && key != .assignee_id && c.contains(key) {
            if try c.decodeNil(forKey: key) { nullMembers.append(key.rawValue) }
        }
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        startsAt = try c.decodeIfPresent(String.self, forKey: .starts_at)
        endsAt = try c.decodeIfPresent(String.self, forKey: .ends_at)
        occurredAt = try c.decodeIfPresent(String.self, forKey: .occurred_at)
        if c.contains(.due_on) { dueOn = try c.decodeNil(forKey: .due_on) ? .some(nil) : .some(try c.decode(String.self, forKey: .due_on)) }
        if c.contains(.assignee_id) {
            assigneeID = try c.decodeNil(forKey: .assignee_id) ? .some(nil) : .some(try c.decode(String.self, forKey: .assignee_id))
        }
    }

    /// Changes for an activity of `kind`; `state` is read in that kind's vocabulary.
    func validated(kind: ActivityKind) throws -> ActivityChanges {
        var v = FieldValidation()
        for member in nullMembers { v.fail("/\(member)", "Cannot be null; leave it out to keep the current value.") }
        var changes = ActivityChanges()
        if let subject { changes.subject = v.text(subject, at: "/subject", limit: 300) }
        if let body { changes.body = v.text(body, at: "/body", limit: 50_000, allowEmpty: true) }
        if let state {
            switch kind {
            case .email: changes.emailState = v.choice(state, EmailState.self, at: "/state")
            case .task: changes.taskState = v.choice(state, TaskState.self, at: "/state")
            case .appointment: changes.appointmentState = v.choice(state, AppointmentState.self, at: "/state")
            default: v.fail("/state", "A \(kind.rawValue) has no state.")
            }
        }
        if let dueOn { changes.dueOn = .some(dueOn.flatMap { v.day($0, at: "/due_on") }) }
        if let assigneeID { changes.assigneeID = .some(assigneeID) }
        if let startsAt { changes.startsAt = instant(startsAt, "/starts_at", &v) }
        if let endsAt { changes.endsAt = instant(endsAt, "/ends_at", &v) }
        if let occurredAt { changes.occurredAt = instant(occurredAt, "/occurred_at", &v) }
        try v.check()
        return changes
    }
}

/// An RFC 3339 instant with any offset (kept in UTC), or an error at `pointer` (required when `text` is nil).
private func instant(_ text: String?, _ pointer: String, _ v: inout FieldValidation) -> Instant? {
    guard let text else { v.fail(pointer, "This field is required."); return nil }
    if let instant = Instant(text) { return instant }
    v.fail(pointer, "\"\(text)\" is not an RFC 3339 instant like 2026-11-29T17:39:24Z or 2026-11-29T12:39:24-05:00.")
    return nil
}
