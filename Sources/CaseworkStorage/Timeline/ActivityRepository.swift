import CaseworkDomain
import CaseworkUseCases

/// Reads of the case timeline: activities users log, and the system events Casework records.
/// (Writes are `ActivityWork`'s, in CaseworkUseCases.)
public struct ActivityRepository: Sendable {
    let database: any SQLDatabase

    /// The activity `id` of the organization, or nil.
    public func get(organizationID: String, id: String) throws -> Activity? {
        try database.read { db in
            try db.queryOne("SELECT * FROM activities WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(id)])
                .map(ActivityRows.activity)
        }
    }

    /// A case's timeline, newest first by when each entry happened (a call logged late sorts at
    /// its time; ties in logging order), a page at a time.
    /// - Throws: `StorageError.notFound` for the case; `PageError.invalidCursor`.
    public func timeline(organizationID: String, caseID: String, page: PageRequest) throws -> Page<Activity> {
        var clause = ""
        var bindings: [SQLValue] = [.text(caseID)]
        if let cursor = page.cursor {   // a bad cursor is the request's fault, whether or not the case exists
            guard let parts = Cursor.decode(cursor, count: 2), let occurred = Instant(parts[0]), let seq = Int64(parts[1]) else {
                throw PageError.invalidCursor
            }
            clause = " AND (occurred_at < ? OR (occurred_at = ? AND seq < ?))"
            bindings += [.text(occurred.description), .text(occurred.description), .integer(seq)]
        }
        return try database.read { db in
            guard try db.queryOne("SELECT 1 AS found FROM cases WHERE organization_id = ? AND id = ?",
                                  [.text(organizationID), .text(caseID)]) != nil else {
                throw StorageError.notFound(entity: "case", id: caseID)
            }
            var rows = try db.query("SELECT * FROM activities WHERE case_id = ?\(clause) ORDER BY occurred_at DESC, seq DESC LIMIT ?",
                                    bindings + [SQLValue(page.limit + 1)])
            var next: String?
            if rows.count > page.limit {
                rows.removeLast()
                next = rows.last.map { Cursor.encode([$0.string("occurred_at"), String($0.int64("seq"))]) }
            }
            return Page(items: rows.map(ActivityRows.activity), nextCursor: next)
        }
    }
}
