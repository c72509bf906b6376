import CaseworkDomain
import CaseworkUseCases

/// Aggregates for dashboards, each computed in SQL over the caller's organization.
public struct DashboardRepository: Sendable {
    let database: any SQLDatabase

    /// The Case Insights figures for `query`, read in one snapshot: from the case rollups when the
    /// query allows it (see `InsightsSQL`), their cost following the number of groups.
    public func caseInsights(organizationID: String, query: CaseInsightsQuery) throws -> CaseInsights {
        let shape = InsightsSQL(query: query, organizationID: organizationID, source: .caseRollups)
        // One statement: the cells grouped by their raw keys (in the rollups' key order, so SQLite walks
        // a rollup with no sort), named (payers, owners) after grouping. Each claim counts once per cell
        // without DISTINCT: rule 1 puts a claim on at most one open case, a case's stored total sums
        // each of its claims once (migration 0012), and a CARC split has one row per (case, code).
        let cellKeys = ["c.status", "c.stage", "c.subject", "c.payer_id"]
        let groupBy = shape.drillDown == .owner ? cellKeys + shape.keyColumns : shape.keyColumns + cellKeys
        let sql = """
            SELECT \(shape.groupDimensions), g.*, p.name AS payer_name FROM (
                SELECT \(shape.keySelect)c.status, c.stage, c.subject, c.payer_id,
                       SUM(\(shape.count)) AS n, SUM(\(shape.outstanding)) AS total
                FROM \(shape.from) WHERE \(shape.conditions)
                GROUP BY \(groupBy.joined(separator: ", "))) AS g
            JOIN payers p ON p.id = g.payer_id\(shape.groupNames)
            """
        let cells = try database.read { db in
            try db.query(sql, shape.bindings).map { row in
                InsightsCell(group: shape.group(row),
                             status: row.string("status"), stage: row.string("stage"), subject: row.string("subject"),
                             payerID: row.string("payer_id"), payerName: row.string("payer_name"), cases: row.int("n"),
                             outstanding: row.int("total"))
            }
        }
        return CaseInsights(cells: cells, split: query.drillDown != nil)
    }
}
