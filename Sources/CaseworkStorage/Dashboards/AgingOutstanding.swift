import CaseworkDomain
import CaseworkUseCases

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
/// Each bucket is a range of the ISO start day between the buckets' earliest starts
/// (`AgingBucket.earliestStart`): no date arithmetic per row. Over a rollup, whose key ends in the
/// start day, each bucket of each group is one range of the key (a correlated sum per bucket over
/// the distinct groups), so no row is tested against every bucket. Over the claims themselves (a
/// filter the rollups cannot answer) each row is summed into its bucket by a CASE per bucket. The
/// few groups are named (payer, owner) after grouping.
private struct AgingSums {
    let sql: String
    let bindings: [SQLValue]
    /// The result columns holding each bucket's sum, in the order rows are built.
    let columns: [(String, AgingBucket?)]

    /// One bucket: its result column and its test of `start`, with the test's bindings.
    private struct Range { var column: String; var bucket: AgingBucket?; var test: String; var values: [SQLValue] }

    init(shape: InsightsSQL, today: Day) {
        let perClaim = shape.source == .cases
        // The day a claim ages from: its first submission, else its first service (NULL per claim, ''
        // in a rollup: neither). '' sorts below every date and NULL compares false, so `> ''` bounds the
        // oldest bucket on both paths (and keeps the rollup's range a range).
        let start = perClaim ? "COALESCE(cl.first_submitted_on, cl.service_start)" : "c.start_day"
        var ranges: [Range] = []
        var younger: Day?       // the earliest start of the previous (younger) bucket
        for (index, bucket) in AgingBucket.allCases.enumerated() {
            var tests: [String] = [], values: [SQLValue] = []
            if let earliest = bucket.earliestStart(on: today) {
                tests.append("\(start) >= ?"); values.append(.text(earliest.description))
            } else {
                tests.append("\(start) > ''")
            }
            if let younger { tests.append("\(start) < ?"); values.append(.text(younger.description)) }
            ranges.append(Range(column: "bucket_\(index)", bucket: bucket, test: tests.joined(separator: " AND "), values: values))
            younger = bucket.earliestStart(on: today)
        }
        ranges.append(Range(column: "bucket_none", bucket: nil, test: perClaim ? "\(start) IS NULL" : "\(start) = ''", values: []))
        columns = ranges.map { ($0.column, $0.bucket) }
        let grouped: String
        if perClaim {
            let sums = ranges.map { "SUM(CASE WHEN \($0.test) THEN cl.outstanding_cents END) AS \($0.column)" }
            grouped = """
                SELECT \(shape.keySelect)c.payer_id, \(sums.joined(separator: ", "))
                FROM \(shape.from) JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id
                WHERE \(shape.conditions) AND c.status = 'active'
                GROUP BY \((shape.keyColumns + ["c.payer_id"]).joined(separator: ", "))
                """
            bindings = ranges.flatMap(\.values) + shape.bindings
        } else {
            // The groups `k` (keys and payer), then per bucket the sum over the group's key range.
            let sameGroup = (zip(shape.keyColumns, shape.drillDown == .owner ? ["k.key_type", "k.key_id"] : ["k.key_id"])
                .map { "\($0) = \($1)" } + ["c.payer_id = k.payer_id"]).joined(separator: " AND ")
            let sums = ranges.map { range in
                "(SELECT SUM(\(shape.outstanding)) FROM \(shape.from) WHERE \(shape.conditions) AND c.status = 'active' "
                    + "AND \(sameGroup) AND \(range.test)) AS \(range.column)"
            }
            grouped = """
                SELECT k.*, \(sums.joined(separator: ", "))
                FROM (SELECT DISTINCT \(shape.keySelect)c.payer_id FROM \(shape.from)
                      WHERE \(shape.conditions) AND c.status = 'active') AS k
                """
            bindings = ranges.flatMap { shape.bindings + $0.values } + shape.bindings
        }
        sql = """
            SELECT \(shape.groupDimensions), g.*, p.name AS payer_name FROM (\(grouped)) AS g
            JOIN payers p ON p.id = g.payer_id\(shape.groupNames) ORDER BY dim_type NULLS FIRST, dim_id NULLS FIRST, g.payer_id
            """
    }
}
