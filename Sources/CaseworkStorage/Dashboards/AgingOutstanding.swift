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
    /// by payer and by the aging bucket of each claim on `today`: from the claim aging rollups when
    /// the query allows it (see `InsightsSQL`), else each claim's outstanding and aging dates read
    /// from the covering index `claims_figures`.
    public func outstandingByAging(organizationID: String, query: CaseInsightsQuery, today: Day) throws -> [AgingOutstanding] {
        let shape = InsightsSQL(query: query, organizationID: organizationID, source: .claimAgingRollups)
        let buckets = AgingBucket.allCases.map { bucket in
            bucket.ages.upperBound == Int.max ? "ELSE '\(bucket.rawValue)'" : "WHEN age <= \(bucket.ages.upperBound) THEN '\(bucket.rawValue)'"
        }.joined(separator: " ")
        // Per claim, or per rollup row; the day a claim ages from: its first submission, else its
        // first service ('' in a rollup: neither).
        let (claims, outstanding, start) = shape.source == .cases
            ? (" JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id", "cl.outstanding_cents",
               "COALESCE(cl.first_submitted_on, cl.service_start)")
            : ("", shape.outstanding, "NULLIF(c.start_day, '')")
        let rows = """
            SELECT \(shape.dimensions), c.payer_id, \(outstanding) AS outstanding,
                   \(database.dialect.daysSince(start, until: "?")) AS age
            FROM \(shape.from)\(claims) WHERE \(shape.conditions) AND c.status = 'active'
            """
        let bindings: [SQLValue] = [.text(today.description)] + shape.bindings
        // The dimension's name follows its id; PostgreSQL wants it grouped all the same (see `InsightsSQL.groupColumns`).
        let dimensions = database.dialect == .postgresql ? "dim_type, dim_id, dim_name, " : "dim_type, dim_id, "
        let sql = """
            SELECT g.*, p.name AS payer_name FROM (
                SELECT dim_type, dim_id, dim_name, payer_id, CASE WHEN age IS NULL THEN NULL \(buckets) END AS bucket,
                       SUM(outstanding) AS total
                FROM (\(rows)) AS r
                GROUP BY \(dimensions)payer_id, bucket) AS g
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
