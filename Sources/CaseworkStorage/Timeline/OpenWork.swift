import CaseworkDomain
import CaseworkUseCases

extension ActivityRepository {
    /// The organization's open work, soonest first (a task by its due date, an appointment by its
    /// start day; undated tasks last), then oldest entry first; keyset-paged.
    /// - Throws: `PageError.invalidCursor`.
    public func openWork(organizationID: String, query: OpenWorkQuery, page: PageRequest) throws -> Page<OpenWorkItem> {
        let due = "COALESCE(a.due_on, substr(a.starts_at, 1, 10), '9999-12-31')"
        var parts = ["a.organization_id = ?", "((a.kind = 'task' AND a.state = 'open') OR (a.kind = 'appointment' AND a.state = 'scheduled'))"]
        var bindings: [SQLValue] = [.text(organizationID)]
        if let kind = query.kind { parts.append("a.kind = ?"); bindings.append(.text(kind.rawValue)) }
        switch query.person {
        case .user(let id)?:
            parts.append("((a.kind = 'task' AND a.assignee_id = ?) OR (a.kind = 'appointment' AND a.created_by = ?))")
            bindings += [.text(id), .text(id)]
        case .nobody?:
            parts.append("a.kind = 'task' AND a.assignee_id IS NULL")
        case nil:
            break
        }
        if query.overdue {
            parts.append("((a.kind = 'task' AND a.due_on < ?) OR (a.kind = 'appointment' AND a.starts_at < ?))")
            bindings += [.text(query.today.description), .text(query.now.description)]
        }
        if let cursor = page.cursor {
            guard let values = Cursor.decode(cursor, count: 2), let seq = Int64(values[1]) else { throw PageError.invalidCursor }
            parts.append("(\(due), a.seq) > (?, ?)")
            bindings += [.text(values[0]), .integer(seq)]
        }
        return try database.read { db in
            var rows = try db.query("""
                SELECT a.*, c.number AS case_number, \(due) AS due FROM activities a JOIN cases c ON c.id = a.case_id
                WHERE \(parts.joined(separator: " AND ")) ORDER BY due, a.seq LIMIT ?
                """, bindings + [SQLValue(page.limit + 1)])
            var next: String?
            if rows.count > page.limit {
                rows.removeLast()
                next = rows.last.map { Cursor.encode([$0.string("due"), String($0.int64("seq"))]) }
            }
            return Page(items: rows.map { OpenWorkItem(activity: ActivityRows.activity($0), caseNumber: CaseNumber(sequence: $0.int("case_number"))) },
                        nextCursor: next)
        }
    }
}
