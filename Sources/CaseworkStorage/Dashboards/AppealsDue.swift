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
        let sql = """
            WITH per_case AS (SELECT c.appeal_deadline AS d FROM cases c WHERE \(scope) AND c.status = 'active')
            SELECT COALESCE(SUM(d < ?), 0) AS past_due, COALESCE(SUM(d >= ? AND d < ?), 0) AS within_7,
                   COALESCE(SUM(d >= ? AND d < ?), 0) AS within_30
            FROM per_case WHERE d IS NOT NULL
            """
        let t = SQLValue.text(today.description)
        let week = SQLValue.text(today.adding(days: 7).description), month = SQLValue.text(today.adding(days: 30).description)
        return try database.read { db in
            let row = try db.queryOne(sql, bindings + [t, t, week, t, month])
            return AppealsDue(pastDue: row?.int("past_due") ?? 0, dueWithin7Days: row?.int("within_7") ?? 0,
                              dueWithin30Days: row?.int("within_30") ?? 0)
        }
    }
}
