import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Foundation
import Testing

/// The timeline use cases on each driver with a pinned clock and numbered ids.
@Suite struct ActivityWorkTests {
    @Test(arguments: Driver.available) func aLoggedTaskCarriesThePinnedTimeMovesTheCaseOnAndIsAudited(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let opened = try f.open([try f.claim("T-1")])
        f.clock.set("2026-06-16T08:00:00Z")
        let task = try f.activities.add(caller: f.bo, caseID: opened.case.id, activity: NewActivity(
            subject: "Call Summit", body: "", details: .task(dueOn: Day("2026-06-18"), assigneeID: f.ann.userID, state: .open)))
        let pinned = Instant("2026-06-16T08:00:00Z")!
        #expect(task.id == "act_t4")
        #expect(task.createdAt == pinned && task.updatedAt == pinned && task.occurredAt == pinned && task.createdBy == f.bo.userID)
        #expect(try f.revision(opened.case.id) == opened.case.revision + 1)
        #expect(try f.timeline(opened.case.id).last?.id == task.id)
        let audit = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "activity", entityID: task.id),
                                             page: PageRequest(limit: 10)).items
        #expect(audit.map(\.action) == ["create"] && audit.map(\.at) == [pinned] && audit.map(\.actorID) == [f.bo.userID])
    }

    @Test(arguments: Driver.available) func aChangeIsStampedAtTheClocksTimeAndNoChangeWritesNothing(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let opened = try f.open([try f.claim("T-2")])
        let task = try f.activities.add(caller: f.ann, caseID: opened.case.id, activity: NewActivity(
            subject: "Appeal", body: "", details: .task(dueOn: nil, assigneeID: nil, state: .open)))
        let before = try f.revision(opened.case.id)
        f.clock.set("2026-06-17T10:15:00Z")
        let same = try f.activities.update(caller: f.bo, id: task.id, changes: ActivityChanges(subject: "Appeal"))
        #expect(same == task)
        #expect(try f.revision(opened.case.id) == before)
        let completed = try f.activities.update(caller: f.bo, id: task.id, changes: ActivityChanges(taskState: .completed))
        #expect(completed.updatedAt == Instant("2026-06-17T10:15:00Z") && completed.updatedBy == f.bo.userID)
        #expect(completed.createdAt == task.createdAt)
        #expect(try f.revision(opened.case.id) == before + 1)
        let stored = try #require(try f.store.activities.get(organizationID: f.organizationID, id: task.id))
        #expect(stored == completed)
        let audit = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "activity", entityID: task.id),
                                             page: PageRequest(limit: 10)).items
        #expect(audit.map(\.action) == ["update", "create"])
        let changes = try #require(try JSONSerialization.jsonObject(with: Data(audit[0].changes.utf8)) as? [String: [String: String]])
        #expect(changes == ["state": ["before": "open", "after": "completed"]])
    }

    @Test(arguments: Driver.available) func refusalsLeaveTheCaseAsItWas(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let opened = try f.open([try f.claim("T-3")])
        let task = NewActivity(subject: "Chase", body: "", details: .task(dueOn: nil, assigneeID: f.vic.id, state: .open))
        #expect(throws: StorageError.cannotWorkCases(field: "/assignee_id", userID: f.vic.id, role: "viewer")) {
            try f.activities.add(caller: f.ann, caseID: opened.case.id, activity: task)
        }
        #expect(throws: StorageError.notFound(entity: "case", id: "case_none")) {
            try f.activities.add(caller: f.ann, caseID: "case_none", activity: NewActivity(subject: "n", body: "", details: .note))
        }
        let canceled = try f.work.close(caller: f.ann, id: opened.case.id, closing: .cancel, note: nil, expectedRevision: nil)
        #expect(throws: ActivityRuleViolation.openWorkOnClosedCase) {
            try f.activities.add(caller: f.ann, caseID: opened.case.id, activity: NewActivity(
                subject: "Chase", body: "", details: .task(dueOn: nil, assigneeID: nil, state: .open)))
        }
        #expect(try f.revision(opened.case.id) == canceled.case.revision)
        #expect(try f.timeline(opened.case.id).filter { $0.kind == .task }.isEmpty)
    }

    /// A task logged while another request closes the case: the case never ends closed with open work.
    @Test(arguments: Driver.available) func aTaskRacingACloseNeverLeavesOpenWorkOnAClosedCase(_ driver: Driver) async throws {
        let f = try UseCaseFixture(driver)
        for round in 0..<12 {
            let opened = try f.open([try f.claim("RACE-\(round)")])
            let task = NewActivity(subject: "Chase", body: "", details: .task(dueOn: nil, assigneeID: nil, state: .open))
            async let added: Activity? = try? f.activities.add(caller: f.ann, caseID: opened.case.id, activity: task)
            async let closed: CaseRecord? = try? f.work.close(caller: f.bo, id: opened.case.id, closing: .cancel, note: nil, expectedRevision: nil)
            let (activity, record) = await (added, closed)
            #expect(activity != nil || record != nil, "one of the two goes through")
            let openWork = try f.timeline(opened.case.id).filter(\.isOpenWork)
            let status = try #require(try f.store.cases.get(organizationID: f.organizationID, id: opened.case.id)).case.status
            #expect(status == .active || openWork.isEmpty, "round \(round): \(status) with \(openWork.count) open tasks")
        }
    }
}
