import CaseworkDomain
import Foundation

/// Audit events of patient-data reads, written by a background thread so that a read never waits
/// for the database's single writer (which a large remittance posting may hold for many seconds).
///
/// Events are queued in the order they happen and written in batches, one transaction each; a
/// batch that fails (the database busy) is retried. Whoever reads the audit log first waits for
/// the queue to drain (`drain`), so the log never misses a read that happened before the query;
/// `CaseworkStore.close()` drains it before the process ends.
///
/// **Concurrency.** `@unchecked Sendable`: `pending` and `writing` are only touched under
/// `condition`'s lock. The writer thread holds the queue weakly between batches and ends when the
/// queue is gone.
final class ReadAuditQueue: @unchecked Sendable {
    /// One read: who read which patient (or `bulk`), with what action and details, when.
    struct Read: Sendable {
        var organizationID: String
        var actorID: String
        var entityID: String
        var action: String
        /// The event's changes as JSON text (`AuditLog.json`).
        var changes: String
        var at: String
    }

    private let database: SQLiteDatabase
    private let condition = NSCondition()
    private var pending: [Read] = []
    private var writing = false

    init(database: SQLiteDatabase) {
        self.database = database
        let thread = Thread { [weak self] in
            while let queue = self { queue.writeNextBatch(waitingAtMost: 1) }
        }
        thread.name = "read audit writer"
        thread.start()
    }

    /// Queues `reads`; returns at once.
    func add(_ reads: [Read]) {
        guard !reads.isEmpty else { return }
        condition.lock()
        pending += reads
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every read queued so far is written (at most `timeout` seconds).
    /// - Returns: whether the queue drained in time.
    @discardableResult
    func drain(timeout: Double = 30) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !pending.isEmpty || writing {
            if !condition.wait(until: deadline) { return pending.isEmpty && !writing }
        }
        return true
    }

    /// Writes what is queued, waiting up to `seconds` for something to arrive.
    private func writeNextBatch(waitingAtMost seconds: Double) {
        condition.lock()
        if pending.isEmpty { _ = condition.wait(until: Date(timeIntervalSinceNow: seconds)) }
        let batch = pending
        pending.removeAll()
        writing = !batch.isEmpty
        condition.unlock()
        guard !batch.isEmpty else { return }
        // Busy (another process holds the lock) is waited out; any other failure is tried a few times.
        var failures = 0
        while failures < 5 {
            do {
                try database.write { db in
                    for read in batch {
                        try AuditLog.record(db, organizationID: read.organizationID, actorID: read.actorID, entityType: "patient",
                                            entityID: read.entityID, action: read.action, changesJSON: read.changes, at: read.at)
                    }
                }
                break
            } catch {
                if !StorageError.isBusy(error) { failures += 1 }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        condition.lock()
        writing = false
        condition.broadcast()
        condition.unlock()
    }
}
