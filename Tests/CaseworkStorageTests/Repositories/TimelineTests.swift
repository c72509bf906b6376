import CaseworkDomain
import CaseworkUseCases
import Foundation
import Testing
@testable import CaseworkStorage

@Suite struct TimelineTests {
    @Test func systemEventsRecordTheCaseLifeNewestFirst() throws {
        let f = try StoreFixture()
        let record = try f.open([try f.claim("T-1")])
        let id = record.case.id
        _ = try f.store.caseWork.update(caller: f.bo, id: id, changes: CaseChanges(stage: .inProgress), expectedRevision: nil)
        _ = try f.store.caseWork.addClaims(caller: f.ann, caseID: id, claims: [(try f.claim("T-2").claim.id, nil)], expectedRevision: nil)
        _ = try f.store.caseWork.close(caller: f.ann, id: id, closing: .resolve(resolvedCarcCodes: [CARC("CO-16")!]), note: "paid", expectedRevision: nil)
        _ = try f.store.caseWork.reactivate(caller: f.bo, id: id, expectedRevision: nil)
        let events = try f.store.activities.timeline(organizationID: f.organizationID, caseID: id, page: PageRequest(limit: 50)).items
            .compactMap { activity -> SystemEvent? in if case .system(let event, _) = activity.details { event } else { nil } }
        #expect(events == [.reactivated, .resolved, .carcCodesResolved, .claimAdded, .stageChanged, .claimAdded, .caseOpened])
    }

    @Test func openWorkBlocksClosingUnlessConsented() throws {
        let f = try StoreFixture()
        let id = try f.open([try f.claim("W-1")]).case.id
        let task = try f.store.activityWork.add(caller: f.ann, caseID: id, activity: NewActivity(
            subject: "Call payer", body: "", details: .task(dueOn: Day("2026-12-01"), assigneeID: f.bo.userID, state: .open)))
        #expect(try f.store.cases.get(organizationID: f.organizationID, id: id)?.openTasks == ["Call payer"])
        #expect(throws: CaseRuleViolation.openWorkNeedsConsent([task])) {
            try f.store.caseWork.close(caller: f.ann, id: id, closing: .cancel, note: nil, expectedRevision: nil)
        }
        let closed = try f.store.caseWork.close(caller: f.ann, id: id, closing: .cancel, note: nil, cancelOpenWork: true, expectedRevision: nil)
        #expect(closed.openTasks.isEmpty)
        let after = try #require(try f.store.activities.get(organizationID: f.organizationID, id: task.id))
        #expect(after.details == .task(dueOn: Day("2026-12-01"), assigneeID: f.bo.userID, state: .canceled))
    }

    @Test func activityChangesMoveTheCaseRevisionAndPage() throws {
        let f = try StoreFixture()
        let record = try f.open([try f.claim("A-1")])
        for index in 0..<7 {
            _ = try f.store.activityWork.add(caller: f.ann, caseID: record.case.id, activity: NewActivity(subject: "note \(index)", body: "", details: .note))
        }
        let revision = try f.store.cases.get(organizationID: f.organizationID, id: record.case.id)?.case.revision
        #expect(revision == record.case.revision + 7)
        var subjects: [String] = []
        var cursor: String?
        repeat {
            let page = try f.store.activities.timeline(organizationID: f.organizationID, caseID: record.case.id, page: PageRequest(limit: 3, cursor: cursor))
            subjects += page.items.map(\.subject)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(subjects.prefix(7) == ["note 6", "note 5", "note 4", "note 3", "note 2", "note 1", "note 0"])
        #expect(subjects.count == 9)  // plus "case opened" and "claim added"
        #expect(throws: StorageError.invalidReference(field: "/assignee_id", id: "usr_nobody")) {
            try f.store.activityWork.add(caller: f.ann, caseID: record.case.id, activity: NewActivity(
                subject: "x", body: "", details: .task(dueOn: nil, assigneeID: "usr_nobody", state: .open)))
        }
    }
}
