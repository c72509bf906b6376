import CaseworkDomain

/// Aggregates for dashboards, each computed in SQL over the caller's organization.
public struct DashboardRepository: Sendable {
    let database: any SQLDatabase

    /// The Case Insights figures for `query`, read in one snapshot: from the case rollups when the
    /// query allows it (see `InsightsSQL`), their cost following the number of groups.
    public func caseInsights(organizationID: String, query: CaseInsightsQuery) throws -> CaseInsights {
        let shape = InsightsSQL(query: query, organizationID: organizationID, source: .caseRollups)
        return try database.read { db in
            let groupBy = shape.groupColumns(database.dialect)
            let openBySubject = try db.query("""
                SELECT \(shape.dimensions), c.subject AS key, SUM(\(shape.count)) AS n FROM \(shape.from)
                WHERE \(shape.conditions) AND c.status = 'active' GROUP BY \(groupBy)c.subject ORDER BY \(groupBy)c.subject
                """, shape.bindings).map { CaseInsights.Count(group: shape.group($0), key: $0.string("key"), name: nil, count: $0.int("n")) }
            let byStatus = try db.query("""
                SELECT \(shape.dimensions), c.status AS key, SUM(\(shape.count)) AS n FROM \(shape.from)
                WHERE \(shape.conditions) GROUP BY \(groupBy)c.status ORDER BY \(groupBy)c.status
                """, shape.bindings).map { CaseInsights.Count(group: shape.group($0), key: $0.string("key"), name: nil, count: $0.int("n")) }
            let openByPayer = try db.query("""
                SELECT \(shape.dimensions), c.payer_id AS key, p.name AS payer_name, SUM(\(shape.count)) AS n
                FROM \(shape.from) JOIN payers p ON p.id = c.payer_id
                WHERE \(shape.conditions) AND c.status = 'active' GROUP BY \(groupBy)c.payer_id, p.name ORDER BY \(groupBy)c.payer_id
                """, shape.bindings).map {
                    CaseInsights.Count(group: shape.group($0), key: $0.string("key"), name: $0.string("payer_name"), count: $0.int("n"))
                }
            // Each claim counts once per cell without DISTINCT: rule 1 puts a claim on at most one
            // open case, a case's stored total sums each of its claims once (migration 0012), and a
            // CARC split has one row per (case, code). Payer names are joined after the sums.
            let outstanding = try db.query("""
                SELECT g.*, p.name AS payer_name FROM (
                    SELECT \(shape.dimensions), c.payer_id, c.subject, SUM(\(shape.outstanding)) AS total
                    FROM \(shape.from)
                    WHERE \(shape.conditions) AND c.status = 'active'
                    GROUP BY \(groupBy)c.payer_id, c.subject) AS g
                JOIN payers p ON p.id = g.payer_id ORDER BY g.dim_type, g.dim_id, g.payer_id, g.subject
                """, shape.bindings).map {
                    CaseInsights.Outstanding(group: shape.group($0), payerID: $0.string("payer_id"), payerName: $0.string("payer_name"),
                                             subject: $0.string("subject"), outstanding: Cents($0.int("total")))
                }
            var statusCounts = try db.query("""
                SELECT \(shape.dimensions),
                       COALESCE(SUM(CASE WHEN c.status = 'canceled' THEN \(shape.count) ELSE 0 END), 0) AS canceled,
                       COALESCE(SUM(CASE WHEN c.status = 'resolved' THEN \(shape.count) ELSE 0 END), 0) AS resolved,
                       COALESCE(SUM(CASE WHEN c.status = 'active' AND c.stage = 'in_progress' THEN \(shape.count) ELSE 0 END), 0) AS in_progress
                FROM \(shape.from) WHERE \(shape.conditions) \(query.drillDown == nil ? "" : "GROUP BY \(groupBy.dropLast(2)) ORDER BY dim_type, dim_id")
                """, shape.bindings).map {
                    CaseInsights.StatusCounts(group: shape.group($0), canceled: $0.int("canceled"), resolved: $0.int("resolved"),
                                              inProgress: $0.int("in_progress"))
                }
            if query.drillDown != nil {
                statusCounts.removeAll { $0.canceled == 0 && $0.resolved == 0 && $0.inProgress == 0 }
            }
            return CaseInsights(openBySubject: openBySubject, byStatus: byStatus, openByPayer: openByPayer,
                                outstandingByPayerSubject: outstanding, statusCounts: statusCounts)
        }
    }
}
