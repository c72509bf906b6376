import CaseworkDomain
import Foundation
import Testing
@testable import CaseworkStorage
import CaseworkUseCases

/// Reads of patient data are audited without waiting for the database's writer (a large posting
/// may hold it for many seconds), and the audit log never misses a read made before a query.
@Suite struct ReadAuditTests {
    @Test func aReadIsRecordedWhileTheWriterIsBusyAndSeenByTheNextQuery() throws {
        let f = try StoreFixture()
        let writerHeld = DispatchSemaphore(value: 0), releaseWriter = DispatchSemaphore(value: 0)
        let recorded = DispatchSemaphore(value: 0)
        Thread {
            try? f.store.database.write { _ in
                writerHeld.signal()
                releaseWriter.wait()
            }
        }.start()
        writerHeld.wait()
        Thread {
            f.store.audit.recordPatientReads(organizationID: f.organizationID, actorID: f.ann.userID, patientIDs: ["pat_1", "pat_2"])
            recorded.signal()
        }.start()
        // Bounded only so that a regression fails instead of hanging: the call must not wait for the writer at all.
        let returnedWhileHeld = recorded.wait(timeout: .now() + 20) == .success
        releaseWriter.signal()
        #expect(returnedWhileHeld, "recording a read waited for the writer")
        let events = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "patient"),
                                               page: PageRequest(limit: 10, cursor: nil))
        #expect(events.items.map(\.entityID).sorted() == ["pat_1", "pat_2"])
        #expect(events.items.allSatisfy { $0.action == "read" && $0.actorID == f.ann.userID })
    }

    @Test func closingWritesWhatIsQueued() throws {
        let f = try StoreFixture()
        f.store.audit.recordBulkPatientRead(organizationID: f.organizationID, actorID: f.ann.userID, action: "list", filter: "view=all", rows: 3)
        f.store.close()
        let count = try f.store.database.read { db in
            try db.queryOne("SELECT COUNT(*) AS n FROM audit_events WHERE entity_id = 'bulk' AND action = 'list'")!.int("n")
        }
        #expect(count == 1)
    }

    /// The queue rides the next write: a read made before a write comes before it in the audit log
    /// (by id), although the queue's own thread would commit it only a moment later.
    @Test func aReadQueuedBeforeAWriteIsLoggedBeforeIt() throws {
        let f = try StoreFixture()
        f.store.audit.recordPatientReads(organizationID: f.organizationID, actorID: f.ann.userID, patientIDs: ["pat_first"])
        let order = try f.store.database.write { db -> [String] in
            try AuditLog.record(db, organizationID: f.organizationID, actorID: f.ann.userID, entityType: "case",
                                entityID: "case_after", action: "update", changesJSON: "{}", at: Instant.now().description)
            // Inside the write: the read is already there, before the write's own event.
            return try db.query("SELECT entity_id FROM audit_events WHERE entity_id IN ('pat_first', 'case_after') ORDER BY id")
                .map { $0.string("entity_id") }
        }
        #expect(order == ["pat_first", "case_after"])
    }

    /// A write that fails takes the reads that rode along back to the queue; they are written later.
    @Test func readsOfAFailedWriteAreWrittenLater() throws {
        let f = try StoreFixture()
        struct Refused: Error {}
        f.store.audit.recordPatientReads(organizationID: f.organizationID, actorID: f.ann.userID, patientIDs: ["pat_kept"])
        #expect(throws: Refused.self) {
            try f.store.database.write { db in
                let inside = try db.queryOne("SELECT COUNT(*) AS n FROM audit_events WHERE entity_id = 'pat_kept'")!.int("n")
                #expect(inside == 1)
                throw Refused()
            }
        }
        let events = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "patient"),
                                               page: PageRequest(limit: 10, cursor: nil))
        #expect(events.items.map(\.entityID) == ["pat_kept"])
    }
}
