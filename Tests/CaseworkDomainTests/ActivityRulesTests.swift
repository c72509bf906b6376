import Testing
@testable import CaseworkDomain

@Suite struct ActivityRulesTests {
    let now = Instant("2026-12-01T12:00:00Z")!

    func activity(_ details: ActivityDetails) -> Activity {
        Activity(id: "act_1", caseID: "case_1", subject: "s", body: "", details: details, createdAt: Instant(secondsSinceEpoch: 0),
                 createdBy: "u", updatedAt: Instant(secondsSinceEpoch: 0), updatedBy: "u")
    }

    @Test func tasksMoveFromOpenOnly() throws {
        let open = activity(.task(dueOn: Day("2026-12-01"), assigneeID: "u", state: .open))
        let done = try ActivityChanges(taskState: .completed).applied(to: open)
        #expect(done.details == .task(dueOn: Day("2026-12-01"), assigneeID: "u", state: .completed))
        #expect(throws: ActivityRuleViolation.illegalStateChange(from: "completed", to: "open")) {
            try ActivityChanges(taskState: .open).applied(to: done)
        }
        let cleared = try ActivityChanges(dueOn: .some(nil), assigneeID: .some(nil)).applied(to: open)
        #expect(cleared.details == .task(dueOn: nil, assigneeID: nil, state: .open))
        #expect(open.isOpenWork && !done.isOpenWork)
    }

    @Test func emailsGoFromDraftToSentOnly() throws {
        let draft = activity(.email(direction: .outbound, state: .draft))
        #expect(try ActivityChanges(emailState: .sent).applied(to: draft).details == .email(direction: .outbound, state: .sent))
        #expect(throws: ActivityRuleViolation.illegalStateChange(from: "received", to: "sent")) {
            try ActivityChanges(emailState: .sent).applied(to: activity(.email(direction: .inbound, state: .received)))
        }
    }

    @Test func fieldsMustBelongToTheKind() {
        #expect(throws: ActivityRuleViolation.fieldNotOfKind(field: "due_on", kind: .note)) {
            try ActivityChanges(dueOn: .some(Day("2026-12-01"))).applied(to: activity(.note))
        }
        #expect(throws: ActivityRuleViolation.fieldNotOfKind(field: "state", kind: .phoneCall)) {
            try ActivityChanges(taskState: .completed).applied(to: activity(.phoneCall(direction: .inbound)))
        }
        #expect(throws: ActivityRuleViolation.systemEventsAreReadOnly) {
            try ActivityChanges(subject: "x").applied(to: activity(.system(event: .resolved, facts: [:])))
        }
    }

    @Test func appointmentsEndAfterTheyStart() throws {
        let start = Instant("2026-12-01T10:00:00Z")!, end = Instant("2026-12-01T11:00:00Z")!
        let appointment = activity(.appointment(startsAt: start, endsAt: end, state: .scheduled))
        #expect(throws: ActivityRuleViolation.endsBeforeStart) {
            try ActivityChanges(endsAt: Instant("2026-12-01T09:00:00Z")).applied(to: appointment)
        }
        #expect(throws: ActivityRuleViolation.endsBeforeStart) {
            try NewActivity(subject: "x", body: "", details: .appointment(startsAt: end, endsAt: start, state: .scheduled)).check(caseStatus: .active, now: now)
        }
        #expect(throws: ActivityRuleViolation.openWorkOnClosedCase) {
            try NewActivity(subject: "x", body: "", details: .task(dueOn: nil, assigneeID: nil, state: .open)).check(caseStatus: .resolved, now: now)
        }
        #expect(throws: Never.self) { try NewActivity(subject: "x", body: "", details: .note).check(caseStatus: .canceled, now: now) }
    }

    @Test func callsAndEmailsHappenInThePastOnly() throws {
        let call = NewActivity(subject: "x", body: "", details: .phoneCall(direction: .outbound), occurredAt: Instant("2026-11-30T15:00:00Z"))
        #expect(throws: Never.self) { try call.check(caseStatus: .active, now: now) }
        let early = NewActivity(subject: "x", body: "", details: .email(direction: .inbound, state: .received),
                                occurredAt: Instant(secondsSinceEpoch: now.secondsSinceEpoch + Activity.clockSkewAllowance))
        #expect(throws: Never.self) { try early.check(caseStatus: .active, now: now) }
        let future = NewActivity(subject: "x", body: "", details: .phoneCall(direction: .inbound),
                                 occurredAt: Instant(secondsSinceEpoch: now.secondsSinceEpoch + Activity.clockSkewAllowance + 1))
        #expect(throws: ActivityRuleViolation.occursAfterLogging) { try future.check(caseStatus: .active, now: now) }
        let note = NewActivity(subject: "x", body: "", details: .note, occurredAt: Instant("2026-11-30T15:00:00Z"))
        #expect(throws: ActivityRuleViolation.fieldNotOfKind(field: "occurred_at", kind: .note)) { try note.check(caseStatus: .active, now: now) }

        let logged = activity(.phoneCall(direction: .inbound))
        #expect(logged.occurredAt == logged.createdAt)
        let moved = try ActivityChanges(occurredAt: Instant("1969-12-29T09:30:00Z")).applied(to: logged)
        #expect(moved.occurredAt == Instant("1969-12-29T09:30:00Z") && moved.createdAt == logged.createdAt)
        // A correction may not move the call to after it was logged, even if that is still in the past.
        #expect(throws: ActivityRuleViolation.occursAfterLogging) {
            try ActivityChanges(occurredAt: Instant(secondsSinceEpoch: logged.createdAt.secondsSinceEpoch + Activity.clockSkewAllowance + 1)).applied(to: logged)
        }
        #expect(throws: ActivityRuleViolation.fieldNotOfKind(field: "occurred_at", kind: .task)) {
            try ActivityChanges(occurredAt: Instant("2026-11-29T09:30:00Z")).applied(to: activity(.task(dueOn: nil, assigneeID: nil, state: .open)))
        }
    }
}
