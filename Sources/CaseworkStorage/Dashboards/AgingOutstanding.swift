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
    /// from the covering index `claims_figures`. Rows come by group, then payer, then bucket from the
    /// youngest to the oldest, claims with no aging date (`bucket` nil) last.
    public func outstandingByAging(organizationID: String, query: CaseInsightsQuery, today: Day) throws -> [AgingOutstanding] {
        let shape = InsightsSQL(query: query, organizationID: organizationID, source: .claimAgingRollups)
        let plan = AgingSums(shape: shape, today: today)
        return try database.read { db in
            try db.query(plan.sql, plan.bindings).flatMap { row in
                let group = shape.group(row)
                let payerID = row.string("payer_id"), payerName = row.string("payer_name")
                return plan.columns.compactMap { column, bucket in
                    row.optionalInt(column).map {
                        AgingOutstanding(group: group, payerID: payerID, payerName: payerName, bucket: bucket,
                                         outstanding: Cents($0))
                    }
                }
            }
        }
    }
}

/// The statement behind `outstandingByAging`: one row per group and payer, a sum column per aging
/// bucket (NULL when the bucket is empty).
///
/// Each bucket is told by comparing the ISO start day with the buckets' earliest starts
/// (`AgingBucket.earliestStart`), with no date arithmetic per row; the rows are grouped by the raw
/// key columns in the order of the rollup's primary key, so SQLite walks the rollup once with no
/// sort; the few groups are named (payer, owner) after grouping.
private struct AgingSums {
    let sql: String
    let bindings: [SQLValue]
    /// The result columns holding each bucket's sum, in the order rows are built.
    let columns: [(String, AgingBucket?)]

    init(shape: InsightsSQL, today: Day) {
        // Per claim, or per rollup row; the day a claim ages from: its first submission, else its
        // first service (NULL per claim, '' in a rollup: neither). A plain column compares faster
        // than NULLIF per row, so the rollup's '' is kept out of the oldest bucket by a test of its own.
        let (claims, outstanding, start, none, dated) = shape.source == .cases
            ? (" JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id", "cl.outstanding_cents",
               "COALESCE(cl.first_submitted_on, cl.service_start)", "COALESCE(cl.first_submitted_on, cl.service_start) IS NULL",
               "COALESCE(cl.first_submitted_on, cl.service_start) IS NOT NULL")
            : ("", shape.outstanding, "c.start_day", "c.start_day = ''", "c.start_day <> ''")
        var sums: [String] = []
        var values: [SQLValue] = []
        var columns: [(String, AgingBucket?)] = []
        var younger: Day?       // the earliest start of the previous (younger) bucket
        for (index, bucket) in AgingBucket.allCases.enumerated() {
            var tests: [String] = []
            if let younger { tests.append("\(start) < ?"); values.append(.text(younger.description)) }
            let earliest = bucket.earliestStart(on: today)
            if let earliest { tests.append("\(start) >= ?"); values.append(.text(earliest.description)) } else { tests.append(dated) }
            sums.append("SUM(CASE WHEN \(tests.joined(separator: " AND ")) THEN \(outstanding) END) AS bucket_\(index)")
            columns.append(("bucket_\(index)", bucket))
            younger = earliest
        }
        sums.append("SUM(CASE WHEN \(none) THEN \(outstanding) END) AS bucket_none")
        columns.append(("bucket_none", nil))
        // Grouped in the rollups' key order (owner: payer, owner; CARC: CARC, payer).
        let groupBy = shape.drillDown == .carcCode ? shape.keyColumns + ["c.payer_id"] : ["c.payer_id"] + shape.keyColumns
        sql = """
            SELECT \(shape.groupDimensions), g.*, p.name AS payer_name FROM (
                SELECT \(shape.keySelect)c.payer_id, \(sums.joined(separator: ", "))
                FROM \(shape.from)\(claims) WHERE \(shape.conditions) AND c.status = 'active'
                GROUP BY \(groupBy.joined(separator: ", "))) AS g
            JOIN payers p ON p.id = g.payer_id\(shape.groupNames) ORDER BY dim_type, dim_id, g.payer_id
            """
        bindings = values + shape.bindings
        self.columns = columns
    }
}
