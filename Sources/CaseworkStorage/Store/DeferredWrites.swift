import CaseworkDomain
import CaseworkUseCases
import Foundation

/// The writes a read causes — audit events of patient-data reads, a token's last use — made after
/// the read answers, so that a read never waits for the database's single writer (which a large
/// remittance posting may hold for many seconds; a token's first request of the minute once did).
///
/// Entries are queued in the order they happen and written in the next write transaction of the
/// database, before that transaction's own rows (the queue is the database's `WriteRider`): the
/// audit log's order (by id) is then the order in which reads and writes happened. When no write
/// comes, a writer thread of the queue commits them itself, `gatherSeconds` after they arrive, so
/// a busy server commits at most about fifty batches of reads a second instead of one per
/// request. (Each commit costs a WAL write and an fsync, and makes every reader connection discard
/// its whole page cache at its next transaction — SQLite resets a reader's cache whenever the WAL
/// changed — so per-request commits made every GET /v1/cases/{id} re-read its pages from the file:
/// 15 `pread`s per request, against 2–5 with the gather.) The price: a crash loses at most the
/// entries of the last 20 ms. A batch that cannot be written (the database busy) goes back to the
/// front of the queue; after five failures for another reason it is dropped.
///
/// Whoever reads the audit log or the token list first waits for the queue to drain (`drain`), so
/// neither misses what happened before the query; `CaseworkStore.close()` drains it before the
/// process ends.
///
/// **Concurrency.** `@unchecked Sendable`: `pending`, `boarded`, `idle`, `failures` and `tokensInFlight` are only
/// touched under `condition`'s lock. The writer thread holds the queue weakly between batches and
/// ends when the queue is gone.
final class DeferredWrites: WriteRider, @unchecked Sendable {
    /// One write to make.
    enum Entry: Sendable {
        /// An audit event of a read of patient data.
        case read(Read)
        /// Token `id` was used at `at` (`api_tokens.last_used_at`).
        case tokenUse(id: String, at: String)
    }

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

    /// How long queued entries wait for company (or for a write to ride along with) before the
    /// queue's own thread commits them.
    static let gatherSeconds = 0.02
    /// Failed attempts (other than busy) after which a batch is dropped.
    static let maximumFailures = 5

    private let database: any SQLDatabase
    private let condition = NSCondition()
    private var pending: [Entry] = []
    /// Batches written into a transaction that has not ended yet.
    private var boarded = 0
    /// The writer thread waits for entries: a new one must wake it.
    private var idle = false
    /// Consecutive failures of the batch at the front (busy excluded).
    private var failures = 0
    /// Tokens with a use queued or written but not yet committed: until it lands, every request
    /// with the token still reads the old `last_used_at`, and a second entry would only repeat it
    /// (behind a long posting, thousands of them).
    private var tokensInFlight = Set<String>()

    init(database: any SQLDatabase) {
        self.database = database
        database.setWriteRider(self)
        let thread = Thread { [weak self] in
            while let queue = self { queue.commitNextBatch(waitingAtMost: 1) }
        }
        thread.name = "deferred writer"
        thread.start()
    }

    /// Queues the audit events of `reads`; returns at once.
    func add(_ reads: [Read]) {
        add(reads.map(Entry.read))
    }

    /// Queues `entries` (a token's use only when none of it is in flight); returns at once.
    func add(_ entries: [Entry]) {
        guard !entries.isEmpty else { return }
        condition.lock()
        for entry in entries {
            if case .tokenUse(let id, _) = entry, !tokensInFlight.insert(id).inserted { continue }
            pending.append(entry)
        }
        if idle {
            idle = false
            condition.broadcast()      // `drain` may wait on the condition too
        }
        condition.unlock()
    }

    /// Entries queued and not yet taken by a transaction.
    var queuedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return pending.count
    }

    /// Waits until every entry queued so far is written (at most `timeout` seconds).
    /// - Returns: whether the queue drained in time.
    @discardableResult
    func drain(timeout: Double = 30) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !pending.isEmpty || boarded > 0 {
            if !condition.wait(until: deadline) { return pending.isEmpty && boarded == 0 }
        }
        return true
    }

    /// Writes every queued entry into the write transaction this thread has open, as a nested
    /// `write` (a savepoint: a failure undoes only them and puts them back in the queue).
    func board() -> (@Sendable (_ committed: Bool) -> Void)? {
        condition.lock()
        let batch = pending
        pending.removeAll()
        if !batch.isEmpty { boarded += 1 }
        condition.unlock()
        guard !batch.isEmpty else { return nil }
        do {
            try database.write { db in
                for entry in batch {
                    switch entry {
                    case .read(let read):
                        try AuditLog.record(db, organizationID: read.organizationID, actorID: read.actorID, entityType: "patient",
                                            entityID: read.entityID, action: read.action, changesJSON: read.changes, at: read.at)
                    case .tokenUse(let id, let at):
                        try db.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [.text(at), .text(id)])
                    }
                }
            }
        } catch {
            landed(batch, committed: false, busy: StorageError.isBusy(error))
            return nil
        }
        return { [self] committed in landed(batch, committed: committed, busy: false) }
    }

    /// The transaction `batch` rode in ended: done, or back to the front of the queue.
    private func landed(_ batch: [Entry], committed: Bool, busy: Bool) {
        condition.lock()
        boarded -= 1
        var settled = committed
        if committed {
            failures = 0
        } else {
            if !busy { failures += 1 }
            if failures < Self.maximumFailures {
                pending = batch + pending
            } else {
                failures = 0
                settled = true
            }
        }
        if settled {
            for case .tokenUse(let id, _) in batch { tokensInFlight.remove(id) }
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits up to `seconds` for entries, lets them gather, then commits them in a transaction of
    /// their own (unless a write took them meanwhile).
    private func commitNextBatch(waitingAtMost seconds: Double) {
        condition.lock()
        if pending.isEmpty {
            idle = true
            _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
            idle = false
        }
        let waiting = !pending.isEmpty
        condition.unlock()
        guard waiting else { return }
        // Also right after a batch: entries that arrived while it was written wait for company.
        Thread.sleep(forTimeInterval: Self.gatherSeconds)
        condition.lock()
        let stillWaiting = !pending.isEmpty          // else a write took them meanwhile
        condition.unlock()
        guard stillWaiting else { return }
        do {
            try database.write { _ in }     // the rider writes the queued entries
        } catch {
            Thread.sleep(forTimeInterval: 0.05)   // busy: another process holds the lock; the batch is queued again
        }
    }
}
