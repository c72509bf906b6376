import CaseworkDomain

/// Aggregates for dashboards, each computed in SQL over the caller's organization.
public struct DashboardRepository: Sendable {
    let database: SQLiteDatabase

    /// The Case Insights figures for `query`, read in one snapshot.
    public func caseInsights(organizationID: String, query: CaseInsightsQuery) throws -> CaseInsights {
        let shape = InsightsSQL(query: query, organizationID: organizationID)
        return try database.read { db in
            let groupBy = shape.groupColumns
            let openBySubject = try db.query("""
                SELECT \(shape.dimensions), c.subject AS key, COUNT(*) AS n FROM \(shape.from)
                WHERE \(shape.conditions) AND c.status = 'active' GROUP BY \(groupBy)c.subject ORDER BY \(groupBy)c.subject
                """, shape.bindings).map { CaseInsights.Count(group: shape.group($0), key: $0.string("key"), name: nil, count: $0.int("n")) }
            let byStatus = try db.query("""
                SELECT \(shape.dimensions), c.status AS key, COUNT(*) AS n FROM \(shape.from)
                WHERE \(shape.conditions) GROUP BY \(groupBy)c.status ORDER BY \(groupBy)c.status
                """, shape.bindings).map { CaseInsights.Count(group: shape.group($0), key: $0.string("key"), name: nil, count: $0.int("n")) }
            let openByPayer = try db.query("""
                SELECT \(shape.dimensions), c.payer_id AS key, p.name AS payer_name, COUNT(*) AS n
                FROM \(shape.from) JOIN payers p ON p.id = c.payer_id
                WHERE \(shape.conditions) AND c.status = 'active' GROUP BY \(groupBy)c.payer_id ORDER BY \(groupBy)c.payer_id
                """, shape.bindings).map {
                    CaseInsights.Count(group: shape.group($0), key: $0.string("key"), name: $0.string("payer_name"), count: $0.int("n"))
                }
            // Each claim counts once per cell without DISTINCT: rule 1 puts a claim on at most one
            // open case, a case's stored total sums each of its claims once (migration 0012), and a
            // CARC split has one row per (case, code). Payer names are joined after the sums.
            let outstanding = try db.query("""
                SELECT g.*, p.name AS payer_name FROM (
                    SELECT \(shape.dimensions), c.payer_id, c.subject, SUM(c.total_outstanding_cents) AS total
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
                       COALESCE(SUM(c.status = 'canceled'), 0) AS canceled,
                       COALESCE(SUM(c.status = 'resolved'), 0) AS resolved,
                       COALESCE(SUM(c.status = 'active' AND c.stage = 'in_progress'), 0) AS in_progress
                FROM \(shape.from) WHERE \(shape.conditions) \(query.drillDown == nil ? "" : "GROUP BY dim_type, dim_id ORDER BY dim_type, dim_id")
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

/// The FROM, WHERE and dimension columns shared by the Case Insights queries.
struct InsightsSQL {
    let from: String
    let dimensions: String
    let conditions: String
    let bindings: [SQLValue]
    let drillDown: CaseInsightsQuery.DrillDown?

    init(query: CaseInsightsQuery, organizationID: String) {
        drillDown = query.drillDown
        switch query.drillDown {
        case nil:
            from = "cases c"
            dimensions = "NULL AS dim_type, NULL AS dim_id, NULL AS dim_name"
        case .owner:
            from = "cases c LEFT JOIN users du ON c.owner_type = 'user' AND du.id = c.owner_id LEFT JOIN teams dt ON c.owner_type = 'team' AND dt.id = c.owner_id"
            dimensions = "c.owner_type AS dim_type, c.owner_id AS dim_id, COALESCE(du.name, dt.name) AS dim_name"
        case .carcCode:
            from = "cases c LEFT JOIN case_carc_codes dk ON dk.case_id = c.id"
            dimensions = "'carc' AS dim_type, dk.code AS dim_id, NULL AS dim_name"
        }
        var parts = ["c.organization_id = ?"]
        var values: [SQLValue] = [.text(organizationID)]
        if let payer = query.payerID { parts.append("c.payer_id = ?"); values.append(.text(payer)) }
        if let subject = query.subject { parts.append("c.subject = ?"); values.append(.text(subject)) }
        if let owner = query.owner { parts.append("c.owner_type = ? AND c.owner_id = ?"); values += [.text(owner.kind), .text(owner.id)] }
        if let carc = query.carcCode {
            parts.append("EXISTS (SELECT 1 FROM case_carc_codes fk WHERE fk.case_id = c.id AND fk.code = ?)")
            values.append(.text(carc.description))
        }
        if let after = query.createdAfter { parts.append("c.created_at >= ?"); values.append(.text("\(after)T00:00:00Z")) }
        if let before = query.createdBefore { parts.append("c.created_at < ?"); values.append(.text("\(before)T00:00:00Z")) }
        conditions = parts.joined(separator: " AND ")
        bindings = values
    }

    /// `dim_type, dim_id, ` when split, else empty.
    var groupColumns: String { drillDown == nil ? "" : "dim_type, dim_id, " }

    /// The drill-down group of a result row.
    func group(_ row: SQLRow) -> InsightsGroup? {
        switch drillDown {
        case nil: return nil
        case .owner:
            let owner = row.optionalString("dim_type").flatMap { Owner(kind: $0, id: row.optionalString("dim_id") ?? "") }
            return .owner(owner, name: row.optionalString("dim_name"))
        case .carcCode: return .carcCode(row.optionalString("dim_id"))
        }
    }
}
