import CaseworkDomain

/// Active cases by how soon their earliest appeal deadline falls (DESIGN §9 deadlines), counted
/// against `today`: already past, within 7 days (today included), within 30 days (includes the 7).
public struct AppealsDue: Sendable, Hashable {
    public var pastDue: Int
    public var dueWithin7Days: Int
    public var dueWithin30Days: Int
}

extension DashboardRepository {
    /// Appeal deadlines of the organization's active cases, optionally only those Case Insights'
    /// filters select (`query`; its drill-down is ignored: these are totals).
    public func appealsDue(organizationID: String, today: Day, query: CaseInsightsQuery? = nil) throws -> AppealsDue {
        var scope = "c.organization_id = ?"
        var bindings: [SQLValue] = [.text(organizationID)]
        if let query {
            var filters = query
            filters.drillDown = nil
            let shape = InsightsSQL(query: filters, organizationID: organizationID, source: .cases)
            scope = shape.conditions
            bindings = shape.bindings
        }
        // Three counts over index ranges (cases_by_appeal_deadline: organization, status, deadline)
        // rather than one pass over every active case: at 200,000 cases 69 ms → 7 ms, most of it the
        // past-due range. A comparison excludes cases without a deadline.
        let active = "SELECT COUNT(*) FROM cases c WHERE \(scope) AND c.status = 'active' AND "
        let sql = """
            SELECT (\(active) c.appeal_deadline < ?) AS past_due,
                   (\(active) c.appeal_deadline >= ? AND c.appeal_deadline < ?) AS within_7,
                   (\(active) c.appeal_deadline >= ? AND c.appeal_deadline < ?) AS within_30
            """
        let t = SQLValue.text(today.description)
        let week = SQLValue.text(today.adding(days: 7).description), month = SQLValue.text(today.adding(days: 30).description)
        let allBindings = bindings + [t] + bindings + [t, week] + bindings + [t, month]
        return try database.read { db in
            let row = try db.queryOne(sql, allBindings)
            return AppealsDue(pastDue: row?.int("past_due") ?? 0, dueWithin7Days: row?.int("within_7") ?? 0,
                              dueWithin30Days: row?.int("within_30") ?? 0)
        }
    }
}
