import CaseworkDomain
import CaseworkUseCases
import Foundation

/// Reads the audit log, and records reads of patients (HIPAA access audit).
public struct AuditRepository: Sendable {
    let database: any SQLDatabase
    /// Where patient reads are recorded, after the request that made them.
    let deferred: DeferredWrites

    /// Events matching `filter`, newest first, a page at a time; every read of patient data made
    /// before the call is in the log by then (queued reads are written first).
    public func events(organizationID: String, filter: AuditFilter, page: PageRequest) throws -> Page<AuditEvent> {
        deferred.drain()
        var conditions = ["organization_id = ?"]
        var bindings: [SQLValue] = [.text(organizationID)]
        if let v = filter.entityType { conditions.append("entity_type = ?"); bindings.append(.text(v)) }
        if let v = filter.entityID { conditions.append("entity_id = ?"); bindings.append(.text(v)) }
        if let v = filter.actorID { conditions.append("actor_id = ?"); bindings.append(.text(v)) }
        if let v = filter.from { conditions.append("at >= ?"); bindings.append(.text(v.description)) }
        if let v = filter.to { conditions.append("at < ?"); bindings.append(.text(v.description)) }
        return try database.read { db in try Self.page(db, conditions.joined(separator: " AND "), bindings, page) }
    }

    /// The history of a case: its own events and those of its timeline's activities, newest first.
    /// - Throws: `StorageError.notFound` when the case is not the organization's.
    public func caseHistory(organizationID: String, caseID: String, page: PageRequest) throws -> Page<AuditEvent> {
        try database.read { db in
            guard try db.queryOne("SELECT 1 AS found FROM cases WHERE organization_id = ? AND id = ?",
                                  [.text(organizationID), .text(caseID)]) != nil else {
                throw StorageError.notFound(entity: "case", id: caseID)
            }
            return try Self.page(db, """
                organization_id = ? AND ((entity_type = 'case' AND entity_id = ?)
                  OR (entity_type = 'activity' AND entity_id IN (SELECT id FROM activities WHERE case_id = ?)))
                """, [.text(organizationID), .text(caseID), .text(caseID)], page)
        }
    }

    /// Records that `actorID` read the given patients' records (queued: see `DeferredWrites`).
    public func recordPatientReads(organizationID: String, actorID: String, patientIDs: [String]) {
        let now = Instant.now().description
        deferred.add(patientIDs.map { .init(organizationID: organizationID, actorID: actorID, entityID: $0, action: "read", changes: "{}", at: now) })
    }

    /// Records one bulk read of patient data (an export of `rows` rows naming patients), so that an
    /// access audit finds it among the patient events: entity `patient`, id `bulk`, the action
    /// given (e.g. `export`), and as changes the request's `filter` (its query) and the row count.
    public func recordBulkPatientRead(organizationID: String, actorID: String, action: String, filter: String, rows: Int) {
        deferred.add([.init(organizationID: organizationID, actorID: actorID, entityID: "bulk", action: action,
                         changes: AuditLog.json([.init(field: "filter", before: AuditValue.null, after: filter),
                                                 .init(field: "rows", before: AuditValue.null, after: rows)]),
                         at: Instant.now().description)])
    }

    static func page(_ db: any SQLExecutor, _ conditions: String, _ bindings: [SQLValue], _ page: PageRequest) throws -> Page<AuditEvent> {
        var clause = ""
        var values = bindings
        if let cursor = page.cursor {
            guard let parts = Cursor.decode(cursor, count: 1), let id = Int64(parts[0]) else { throw PageError.invalidCursor }
            clause = " AND id < ?"
            values.append(.integer(id))
        }
        var rows = try db.query("SELECT * FROM audit_events WHERE \(conditions)\(clause) ORDER BY id DESC LIMIT ?", values + [SQLValue(page.limit + 1)])
        var next: String?
        if rows.count > page.limit {
            rows.removeLast()
            next = rows.last.map { Cursor.encode([String($0.int64("id"))]) }
        }
        return Page(items: rows.map { row in
            AuditEvent(id: row.int("id"), actorID: row.optionalString("actor_id"), entityType: row.string("entity_type"),
                       entityID: row.string("entity_id"), action: row.string("action"), changes: row.string("changes"),
                       at: Instant(row.string("at")) ?? Instant(secondsSinceEpoch: 0))
        }, nextCursor: next)
    }
}
