import CaseworkDomain

/// Outstanding money of active cases by payer and aging bucket (Case Insights). A claim ages from
/// its first submission date, else its first service date (`Claim.agingStart`); claims with neither
/// fall in no bucket (`bucket` nil).
public struct AgingOutstanding: Sendable, Hashable {
    public var group: InsightsGroup?
    public var payerID: String
    public var payerName: String
    public var bucket: AgingBucket?
    /// Σ outstanding over the distinct claims of the active cases in the cell.
    public var outstanding: Cents
}

extension DashboardRepository {
    /// The outstanding of the active cases Case Insights' `query` selects (split by its drill-down),
    /// by payer and by the aging bucket of each claim on `today`. Unsplit and filtered by payer at
    /// most, it sums the rollup `claim_aging_rollup` (migration 0015: days × payers rows); otherwise
    /// it reads each claim's outstanding and aging dates from the covering index `claims_figures`.
    public func outstandingByAging(organizationID: String, query: CaseInsightsQuery, today: Day) throws -> [AgingOutstanding] {
        let shape = InsightsSQL(query: query, organizationID: organizationID, rollups: false)
        let buckets = AgingBucket.allCases.map { bucket in
            bucket.ages.upperBound == Int.max ? "ELSE '\(bucket.rawValue)'" : "WHEN age <= \(bucket.ages.upperBound) THEN '\(bucket.rawValue)'"
        }.joined(separator: " ")
        let rolled = query.drillDown == nil && query.subject == nil && query.owner == nil && query.carcCode == nil
            && query.createdAfter == nil && query.createdBefore == nil
        let rows: String
        var bindings: [SQLValue] = [.text(today.description)]
        if rolled {
            rows = """
                SELECT NULL AS dim_type, NULL AS dim_id, NULL AS dim_name, c.payer_id, c.outstanding_cents AS outstanding,
                       MAX(0, CAST(julianday(?) - julianday(NULLIF(c.start_day, '')) AS INTEGER)) AS age
                FROM claim_aging_rollup c
                WHERE c.organization_id = ? AND c.status = 'active' AND c.claims > 0\(query.payerID == nil ? "" : " AND c.payer_id = ?")
                """
            bindings += [.text(organizationID)] + (query.payerID.map { [SQLValue.text($0)] } ?? [])
        } else {
            rows = """
                SELECT \(shape.dimensions), c.payer_id, cl.outstanding_cents AS outstanding,
                       MAX(0, CAST(julianday(?) - julianday(COALESCE(cl.first_submitted_on, cl.service_start)) AS INTEGER)) AS age
                FROM \(shape.from) JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id
                WHERE \(shape.conditions) AND c.status = 'active'
                """
            bindings += shape.bindings
        }
        let sql = """
            SELECT g.*, p.name AS payer_name FROM (
                SELECT dim_type, dim_id, dim_name, payer_id, CASE WHEN age IS NULL THEN NULL \(buckets) END AS bucket,
                       SUM(outstanding) AS total
                FROM (\(rows))
                GROUP BY dim_type, dim_id, payer_id, bucket) AS g
            JOIN payers p ON p.id = g.payer_id ORDER BY g.dim_type, g.dim_id, g.payer_id, g.bucket
            """
        return try database.read { db in
            try db.query(sql, bindings).map { row in
                AgingOutstanding(group: shape.group(row), payerID: row.string("payer_id"), payerName: row.string("payer_name"),
                                 bucket: row.optionalString("bucket").flatMap(AgingBucket.init(rawValue:)),
                                 outstanding: Cents(row.int("total")))
            }
        }
    }
}
