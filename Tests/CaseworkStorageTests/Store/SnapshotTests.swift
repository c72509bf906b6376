import CaseworkDomain
import CaseworkUseCases
import Foundation
import Testing
@testable import CaseworkStorage

@Suite struct SnapshotTests {
    /// Reads through different repositories inside `snapshot` see the database as of the first one,
    /// although a write commits between them; outside it, each read sees the latest commit.
    @Test func readsInsideOneSnapshotIgnoreACommitBetweenThem() throws {
        let f = try StoreFixture()
        let record = try f.open([try f.claim("SN-1")])
        let before = try f.store.organizations.dataVersion(organizationID: f.organizationID)
        let (caseRevision, version) = try f.store.snapshot {
            let first = try f.store.cases.get(organizationID: f.organizationID, id: record.case.id)?.case.revision
            // The write commits on the writer connection while the snapshot stays open.
            _ = try f.store.caseWork.update(caller: f.ann, id: record.case.id, changes: CaseChanges(tags: ["appeal"]), expectedRevision: nil)
            let second = try f.store.cases.get(organizationID: f.organizationID, id: record.case.id)?.case.revision
            #expect(first == second)
            return (second, try f.store.organizations.dataVersion(organizationID: f.organizationID))
        }
        #expect(version == before)
        let after = try f.store.cases.get(organizationID: f.organizationID, id: record.case.id)?.case.revision
        #expect(after != nil && after != caseRevision)
        #expect(try f.store.organizations.dataVersion(organizationID: f.organizationID) > before)
    }

    /// A failure inside ends the snapshot and is rethrown; the next read works.
    @Test func aThrowingBodyEndsTheSnapshot() throws {
        struct Stop: Error {}
        let f = try StoreFixture()
        #expect(throws: Stop.self) {
            try f.store.snapshot { _ = try f.store.organizations.dataVersion(organizationID: f.organizationID); throw Stop() }
        }
        #expect(try f.store.organizations.dataVersion(organizationID: f.organizationID) > 0)
    }
}
