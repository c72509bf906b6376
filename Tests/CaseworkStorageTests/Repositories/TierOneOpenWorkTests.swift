import CaseworkDomain
import Foundation
import Testing
@testable import CaseworkStorage
import CaseworkUseCases

@Suite struct TierOneOpenWorkTests {
    /// "My open work" merges three kinds of activity (tasks assigned to me, unassigned tasks I created,
    /// appointments I scheduled): the total counts all of them, the page holds the earliest due across
    /// the three, and others' work, finished work and other people's tasks stay out.
    @Test func thePageIsTheEarliestAcrossTheThreeKinds() throws {
        let f = try StoreFixture()
        let id = try f.open([try f.claim("T1-1")]).case.id
        func add(_ by: Caller, _ subject: String, _ details: ActivityDetails) throws -> String {
            try f.store.activityWork.add(caller: by, caseID: id, activity: NewActivity(subject: subject, body: "", details: details)).id
        }
        func task(_ day: String, assignee: String?, by: Caller, state: TaskState = .open) throws -> String {
            try add(by, "task \(day)", .task(dueOn: Day(day), assigneeID: assignee, state: state))
        }
        func meeting(_ day: String, by: Caller) throws -> String {
            try add(by, "meeting \(day)", .appointment(startsAt: Instant("\(day)T09:00:00Z")!, endsAt: Instant("\(day)T10:00:00Z")!, state: .scheduled))
        }
        let assignedByBo = try task("2026-12-09", assignee: f.ann.userID, by: f.bo)
        let unassigned = try task("2026-12-03", assignee: nil, by: f.ann)
        let meeting1 = try meeting("2026-12-05", by: f.ann)
        _ = try task("2026-12-20", assignee: f.ann.userID, by: f.ann)
        _ = try task("2026-12-21", assignee: nil, by: f.ann)
        _ = try meeting("2026-12-22", by: f.ann)
        // Not Ann's open work: Bo's task, Bo's unassigned task, Bo's meeting, Ann's completed task.
        _ = try task("2026-12-01", assignee: f.bo.userID, by: f.ann)
        _ = try task("2026-12-01", assignee: nil, by: f.bo)
        _ = try meeting("2026-12-01", by: f.bo)
        _ = try task("2026-12-01", assignee: f.ann.userID, by: f.ann, state: .completed)

        let tier = try f.store.dashboards.tierOne(caller: f.ann, period: Period(from: nil, to: nil), listLimit: 3)
        #expect(tier.myOpenActivities.total == 6)
        #expect(tier.myOpenActivities.items.map(\.id) == [unassigned, meeting1, assignedByBo])
    }

    /// The totals come from activity_counts (migration 0024): completing, reassigning and sending move
    /// them at once, and the counts agree with a recount of the activities (check-aggregates).
    @Test func totalsFollowEveryChangeOfStateAssigneeAndDraft() throws {
        let f = try StoreFixture()
        let id = try f.open([try f.claim("T1-2")]).case.id
        func add(_ by: Caller, _ details: ActivityDetails) throws -> String {
            try f.store.activityWork.add(caller: by, caseID: id, activity: NewActivity(subject: "s", body: "", details: details)).id
        }
        func totals() throws -> [Int] {
            let tier = try f.store.dashboards.tierOne(caller: f.ann, period: Period(from: nil, to: nil), listLimit: 10)
            return [tier.myOpenActivities.total, tier.myDraftEmails.total]
        }
        let mine = try add(f.bo, .task(dueOn: Day("2026-12-09"), assigneeID: f.ann.userID, state: .open))
        let unassigned = try add(f.ann, .task(dueOn: nil, assigneeID: nil, state: .open))
        let draft = try add(f.ann, .email(direction: .outbound, state: .draft))
        _ = try add(f.ann, .email(direction: .outbound, state: .draft))
        #expect(try totals() == [2, 2])
        _ = try f.store.activityWork.update(caller: f.ann, id: mine, changes: ActivityChanges(taskState: .completed))
        _ = try f.store.activityWork.update(caller: f.ann, id: unassigned, changes: ActivityChanges(assigneeID: .some(f.bo.userID)))
        _ = try f.store.activityWork.update(caller: f.ann, id: draft, changes: ActivityChanges(emailState: .sent))
        #expect(try totals() == [0, 1])
        _ = try f.store.activityWork.update(caller: f.bo, id: unassigned, changes: ActivityChanges(assigneeID: .some(f.ann.userID)))
        #expect(try totals() == [1, 1])
        #expect(try f.store.aggregates.run().mismatches.isEmpty)
    }
}
