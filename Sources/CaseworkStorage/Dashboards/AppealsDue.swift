import CaseworkDomain
import CaseworkUseCases

extension DashboardRepository {
    /// Appeal deadlines of the organization's active cases, optionally only those Case Insights'
    /// filters select (`query`; its drill-down is ignored: these are totals).
    public func appealsDue(organizationID: String, today: Day, query: CaseInsightsQuery? = nil) throws -> AppealsDue {
        let t = SQLValue.text(today.description)
        let week = SQLValue.text(today.adding(days: 7).description), month = SQLValue.text(today.adding(days: 30).description)
        guard let query, query.selectsSomeCases else {
            // Every active case: sums over case_appeal_rollup's deadline days (migration 0022).
            return try database.read { db in
                let row = try db.queryOne("""
                    SELECT COALESCE(SUM(CASE WHEN appeal_deadline < ? THEN cases END), 0) AS past_due,
                           COALESCE(SUM(CASE WHEN appeal_deadline >= ? AND appeal_deadline < ? THEN cases END), 0) AS within_7,
                           COALESCE(SUM(CASE WHEN appeal_deadline >= ? AND appeal_deadline < ? THEN cases END), 0) AS within_30
                    FROM case_appeal_rollup WHERE organization_id = ?
                    """, [t, t, week, t, month, .text(organizationID)])
                return AppealsDue(row)
            }
        }
        var filters = query
        filters.drillDown = nil
        let shape = InsightsSQL(query: filters, organizationID: organizationID, source: .cases)
        let scope = shape.conditions, bindings = shape.bindings
        // The cases a filter selects: three counts over index ranges (cases_by_appeal_deadline:
        // organization, status, deadline) rather than one pass over every active case. A comparison
        // excludes cases without a deadline.
        let active = "SELECT COUNT(*) FROM cases c WHERE \(scope) AND c.status = 'active' AND "
        let sql = """
            SELECT (\(active) c.appeal_deadline < ?) AS past_due,
                   (\(active) c.appeal_deadline >= ? AND c.appeal_deadline < ?) AS within_7,
                   (\(active) c.appeal_deadline >= ? AND c.appeal_deadline < ?) AS within_30
            """
        let allBindings = bindings + [t] + bindings + [t, week] + bindings + [t, month]
        return try database.read { db in
            AppealsDue(try db.queryOne(sql, allBindings))
        }
    }
}

extension AppealsDue {
    /// The figures of a row with `past_due`, `within_7` and `within_30` (0 for none).
    init(_ row: SQLRow?) {
        self.init(pastDue: row?.int("past_due") ?? 0, dueWithin7Days: row?.int("within_7") ?? 0,
                  dueWithin30Days: row?.int("within_30") ?? 0)
    }
}

extension CaseInsightsQuery {
    /// Whether a filter narrows the cases (payer, subject, owner, CARC or creation days); the
    /// drill-down only splits them.
    var selectsSomeCases: Bool {
        payerID != nil || subject != nil || owner != nil || carcCode != nil || createdAfter != nil || createdBefore != nil
    }
}
