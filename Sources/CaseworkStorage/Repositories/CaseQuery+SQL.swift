import CaseworkDomain
import CaseworkUseCases

extension CaseQuery.SortKey {
    /// A text-valued SQL expression over `cases c`, so cursor values compare as text.
    /// Nulls sort last ascending (a far-future stand-in). The outstanding and deadline keys read the
    /// case's stored totals (migration 0012) and are written exactly as the indexes
    /// `cases_by_outstanding` and `cases_by_deadline` declare them, so a page is read off the index.
    func expression(_ dialect: SQLDialect) -> String {
        switch self {
        case .createdAt: "c.created_at"
        case .updatedAt: "c.updated_at"
        case .followUpBy: "COALESCE(c.follow_up_by, '9999-12-31')"
        case .priority: "CASE c.priority WHEN 'low' THEN '0' WHEN 'normal' THEN '1' ELSE '2' END"
        case .number: dialect.zeroPadded("c.number", width: 12)
        // Offset so that negative balances (overpaid) still order correctly as text.
        case .totalOutstanding: dialect.zeroPadded("100000000000000000 + c.total_outstanding_cents", width: 20)
        case .deadline: "COALESCE(c.deadline, '9999-12-31')"
        }
    }
}

extension CaseQuery {
    /// The WHERE clause (over `cases c`) and its bindings for `caller`.
    func conditions(caller: Caller) -> (sql: String, bindings: [SQLValue]) {
        var parts = ["c.organization_id = ?"]
        var bindings: [SQLValue] = [.text(caller.organizationID)]
        if let status = view.requiredStatus { parts.append("c.status = ?"); bindings.append(.text(status.rawValue)) }
        if let stage = view.requiredStage { parts.append("c.stage = ?"); bindings.append(.text(stage.rawValue)) }
        if view.requiresCallerOwnership {
            let teams = caller.workingTeamIDs
            let teamClause = teams.isEmpty ? "" : " OR (c.owner_type = 'team' AND c.owner_id IN (\(teams.map { _ in "?" }.joined(separator: ", "))))"
            parts.append("((c.owner_type = 'user' AND c.owner_id = ?)\(teamClause))")
            bindings.append(.text(caller.userID))
            bindings += teams.map { .text($0) }
        }
        if let payerID { parts.append("c.payer_id = ?"); bindings.append(.text(payerID)) }
        if let owner { parts.append("c.owner_type = ? AND c.owner_id = ?"); bindings += [.text(owner.kind), .text(owner.id)] }
        if let subject { parts.append("c.subject = ?"); bindings.append(.text(subject)) }
        if let priority { parts.append("c.priority = ?"); bindings.append(.text(priority.rawValue)) }
        if let tag { parts.append("EXISTS (SELECT 1 FROM case_tags t WHERE t.case_id = c.id AND t.tag = ?)"); bindings.append(.text(tag)) }
        if let carcCode {
            parts.append("EXISTS (SELECT 1 FROM case_carc_codes k WHERE k.case_id = c.id AND k.code = ?)")
            bindings.append(.text(carcCode.description))
        }
        if let followUpBefore { parts.append("c.follow_up_by < ?"); bindings.append(.text(followUpBefore.description)) }
        if let followUpAfter { parts.append("c.follow_up_by > ?"); bindings.append(.text(followUpAfter.description)) }
        if let deadlineBefore { parts.append("c.deadline < ?"); bindings.append(.text(deadlineBefore.description)) }
        if let paymentReceived { parts.append("c.payment_received = ?"); bindings.append(SQLValue(paymentReceived)) }
        if overdue { parts.append("c.status = 'active' AND c.follow_up_by < ?"); bindings.append(.text(today.description)) }
        if let status { parts.append("c.status = ?"); bindings.append(.text(status.rawValue)) }
        if let search {
            let match = SearchSQL.case(search)
            parts.append(match.sql)
            bindings += match.bindings
        }
        if let agingBucket {
            // Age a..b days means opened on a day from today − b through today − a.
            let ages = agingBucket.ages
            parts.append("c.created_at <= ?")
            bindings.append(.text("\(today.adding(days: -ages.lowerBound))T23:59:59Z"))
            if ages.upperBound != Int.max {
                parts.append("c.created_at >= ?")
                bindings.append(.text("\(today.adding(days: -ages.upperBound))T00:00:00Z"))
            }
        }
        return (parts.joined(separator: " AND "), bindings)
    }
}

extension CaseRepository {
    /// One page of the work-list rows a query selects, in its sort order with the id as tie-break.
    /// - Throws: `PageError.invalidCursor` for a cursor not issued for this sort.
    public func list(caller: Caller, query: CaseQuery, page: PageRequest) throws -> Page<CaseRow> {
        var (conditions, bindings) = query.conditions(caller: caller)
        let key = query.sort.expression(database.dialect)
        let direction = query.descending ? "DESC" : "ASC"
        if let cursor = page.cursor {
            guard let parts = Cursor.decode(cursor, count: 3), parts[0] == query.sort.rawValue + (query.descending ? "-" : "+") else {
                throw PageError.invalidCursor
            }
            conditions += " AND (\(key), c.id) \(query.descending ? "<" : ">") (?, ?)"
            bindings += [.text(parts[1]), .text(parts[2])]
        }
        // Two steps: pick the page by sort key alone (cheap, index-friendly), then load the
        // work-list columns of just those rows.
        let sql = "SELECT c.id, \(key) AS sort_key FROM cases c WHERE \(conditions) ORDER BY sort_key \(direction), c.id \(direction) LIMIT ?"
        return try database.read { db in
            var rows = try db.query(sql, bindings + [SQLValue(page.limit + 1)])
            var next: String?
            if rows.count > page.limit {
                rows.removeLast()
                if let last = rows.last {
                    next = Cursor.encode([query.sort.rawValue + (query.descending ? "-" : "+"), last.string("sort_key"), last.string("id")])
                }
            }
            return Page(items: try Self.rows(db, ids: rows.map { $0.string("id") }), nextCursor: next)
        }
    }
}
