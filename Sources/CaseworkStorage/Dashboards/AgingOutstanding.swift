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
    /// by payer and by the aging bucket of each claim on `today`. Without a subject or creation-date
    /// filter it sums a rollup of the cases' claims by aging day (migrations 0015 and 0018: by payer,
    /// by payer and owner, or by payer and CARC, whichever the split and filters need); otherwise it
    /// reads each claim's outstanding and aging dates from the covering index `claims_figures`.
    public func outstandingByAging(organizationID: String, query: CaseInsightsQuery, today: Day) throws -> [AgingOutstanding] {
        let shape = InsightsSQL(query: query, organizationID: organizationID, rollups: false)
        let buckets = AgingBucket.allCases.map { bucket in
            bucket.ages.upperBound == Int.max ? "ELSE '\(bucket.rawValue)'" : "WHEN age <= \(bucket.ages.upperBound) THEN '\(bucket.rawValue)'"
        }.joined(separator: " ")
        var bindings: [SQLValue] = [.text(today.description)]
        let rows: String
        if let rollup = AgingRollup(query) {
            var conditions = ["c.organization_id = ?", "c.status = 'active'", "c.claims > 0"]
            bindings.append(.text(organizationID))
            if let payer = query.payerID { conditions.append("c.payer_id = ?"); bindings.append(.text(payer)) }
            if let owner = query.owner { conditions.append("c.owner_type = ? AND c.owner_id = ?"); bindings += [.text(owner.kind), .text(owner.id)] }
            if let carc = query.carcCode { conditions.append("c.carc = ?"); bindings.append(.text(carc.description)) }
            rows = """
                SELECT \(rollup.dimensions), c.payer_id, c.outstanding_cents AS outstanding,
                       MAX(0, CAST(julianday(?) - julianday(NULLIF(c.start_day, '')) AS INTEGER)) AS age
                FROM \(rollup.from) WHERE \(conditions.joined(separator: " AND "))
                """
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

/// Which rollup of the cases' claims by aging day answers an outstanding-by-aging query, with its
/// FROM (as `c`) and drill-down columns; nil when the query filters by subject or creation date, or
/// mixes owner and CARC (no rollup has both).
struct AgingRollup {
    let from: String
    let dimensions: String

    init?(_ query: CaseInsightsQuery) {
        guard query.subject == nil, query.createdAfter == nil, query.createdBefore == nil else { return nil }
        let byOwner = query.owner != nil || query.drillDown == .owner
        let byCarc = query.carcCode != nil || query.drillDown == .carcCode
        switch (byOwner, byCarc) {
        case (false, false):
            from = "claim_aging_rollup c"
            dimensions = "NULL AS dim_type, NULL AS dim_id, NULL AS dim_name"
        case (true, false):
            from = "claim_aging_owner_rollup c LEFT JOIN users du ON c.owner_type = 'user' AND du.id = c.owner_id "
                + "LEFT JOIN teams dt ON c.owner_type = 'team' AND dt.id = c.owner_id"
            dimensions = query.drillDown == .owner
                ? "NULLIF(c.owner_type, '') AS dim_type, NULLIF(c.owner_id, '') AS dim_id, COALESCE(du.name, dt.name) AS dim_name"
                : "NULL AS dim_type, NULL AS dim_id, NULL AS dim_name"
        case (false, true):
            // Filtering by one CARC while splitting by CARC would need each case's other CARCs.
            guard !(query.carcCode != nil && query.drillDown == .carcCode) else { return nil }
            from = "claim_aging_carc_rollup c"
            dimensions = query.drillDown == .carcCode
                ? "'carc' AS dim_type, NULLIF(c.carc, '') AS dim_id, NULL AS dim_name"
                : "NULL AS dim_type, NULL AS dim_id, NULL AS dim_name"
        case (true, true):
            return nil
        }
    }
}
