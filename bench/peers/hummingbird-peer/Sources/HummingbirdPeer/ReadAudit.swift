import Foundation
import Synchronization

/// The audit events of patient reads, written much as `casework`'s `DeferredWrites` writes them:
/// the request queues one, and one thread commits what gathered every 20 ms in a write transaction
/// of its own (the same `audit_events` rows: entity `patient`, action `read`).
final class ReadAudit: Sendable {
    private struct Read {
        let organizationID: String
        let actorID: String
        let patientID: String
        let at: String
    }

    private let pool: ConnectionPool
    private let queue = Mutex<[Read]>([])

    init(pool: ConnectionPool) {
        self.pool = pool
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.02)
                let batch = queue.withLock { reads -> [Read] in
                    defer { reads.removeAll(keepingCapacity: true) }
                    return reads
                }
                guard !batch.isEmpty else { continue }
                try? pool.write { db in
                    for read in batch {
                        try db.query("""
                            INSERT INTO audit_events (organization_id, actor_id, entity_type, entity_id, action, changes, at)
                            VALUES (?, ?, 'patient', ?, 'read', '{}', ?)
                            """, [read.organizationID, read.actorID, read.patientID, read.at]) { _ in }
                    }
                }
            }
        }
        thread.name = "read audit"
        thread.start()
    }

    /// Queues the read of `patientID` by `actorID`; returns at once.
    func record(organizationID: String, actorID: String, patientID: String) {
        let read = Read(organizationID: organizationID, actorID: actorID, patientID: patientID, at: Instant.now().description)
        queue.withLock { $0.append(read) }
    }
}
