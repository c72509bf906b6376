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
        let totals = InsightsSQL(query: query, organizationID: organizationID, source: .caseRollups)
        let plan = AgingSums(shape: shape, totals: totals, today: today)
        return try database.read { db in
            try db.query(plan.sql, plan.bindings).flatMap { row in
                let group = shape.group(row)
                let payerID = row.string("payer_id"), payerName = row.string("payer_name")
                return plan.sums(row).map { bucket, cents in
                    AgingOutstanding(group: group, payerID: payerID, payerName: payerName, bucket: bucket, outstanding: Cents(cents))
                }
            }
        }
    }
}

/// The statement behind `outstandingByAging`: one row per group and payer with the sum of each aging
/// bucket (NULL when the bucket is empty), read back by `sums`.
///
/// Each bucket is a range of the ISO start day between the buckets' earliest starts
/// (`AgingBucket.earliestStart`): no date arithmetic per row. Over the claims themselves (a filter the
/// rollups cannot answer) each row is summed into its bucket by a CASE per bucket. Over a claim aging
/// rollup, whose key ends in the start day, each bucket of each group is one range of the key (a
/// correlated sum per bucket), so no row is tested against every bucket — and the open-ended oldest
/// bucket is not read at all: it holds most days of a long history, and its sum is the group's total
/// less the younger buckets. The groups and their totals come from the case rollup of the same
/// filters (`totals`: a case's stored outstanding is the sum of its claims', migration 0012), a few
/// rows per group; one seek tells whether the oldest bucket has a claim. So the cost follows the
/// groups and the days of the younger buckets, not the length of the history. The few groups are
/// named (payer, owner) after grouping.
private struct AgingSums {
    let sql: String
    let bindings: [SQLValue]
    /// The result columns holding each bucket's sum read in SQL, youngest first, undated last.
    private let columns: [(String, AgingBucket?)]
    /// Over a rollup, the oldest bucket, whose sum is the group's total less `columns`; nil over the claims.
    private let remainder: AgingBucket?

    /// One bucket: its result column and its test of `start`, with the test's bindings.
    private struct Range { var column: String; var bucket: AgingBucket?; var test: String; var values: [SQLValue] }

    /// - Parameter totals: the same query over the case rollups (`.caseRollups`), which any query the
    ///   claim aging rollups answer also allows; unused when `shape` reads the claims.
    init(shape: InsightsSQL, totals: InsightsSQL, today: Day) {
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
        let grouped: String
        if perClaim {
            remainder = nil
            columns = ranges.map { ($0.column, $0.bucket) }
            let sums = ranges.map { "SUM(CASE WHEN \($0.test) THEN cl.outstanding_cents END) AS \($0.column)" }
            grouped = """
                SELECT \(shape.keySelect)c.payer_id, \(sums.joined(separator: ", "))
                FROM \(shape.from) JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id
                WHERE \(shape.conditions) AND c.status = 'active'
                GROUP BY \((shape.keyColumns + ["c.payer_id"]).joined(separator: ", "))
                """
            bindings = ranges.flatMap(\.values) + shape.bindings
        } else {
            // The groups `k` (keys, payer, total) from the case rollup, then per bucket the sum over the
            // group's key range of the claim aging rollup; the oldest bucket only as "has a claim".
            let oldest = ranges.first { $0.bucket != nil && $0.bucket?.earliestStart(on: today) == nil }
            let rest = oldest?.bucket
            let read = ranges.filter { $0.bucket != rest }
            remainder = rest
            columns = read.map { ($0.column, $0.bucket) }
            let sameGroup = (zip(shape.keyColumns, shape.drillDown == .owner ? ["k.key_type", "k.key_id"] : ["k.key_id"])
                .map { "\($0) = \($1)" } + ["c.payer_id = k.payer_id"]).joined(separator: " AND ")
            let inGroup = "FROM \(shape.from) WHERE \(shape.conditions) AND c.status = 'active' AND \(sameGroup)"
            let sums = read.map { "(SELECT SUM(\(shape.outstanding)) \(inGroup) AND \($0.test)) AS \($0.column)" }
            let older = oldest.map { ", CASE WHEN EXISTS (SELECT 1 \(inGroup) AND \($0.test)) THEN 1 ELSE 0 END AS older" } ?? ""
            grouped = """
                SELECT k.*, \(sums.joined(separator: ", "))\(older)
                FROM (SELECT \(totals.keySelect)c.payer_id, SUM(\(totals.outstanding)) AS total FROM \(totals.from)
                      WHERE \(totals.conditions) AND c.status = 'active'
                      GROUP BY \((totals.keyColumns + ["c.payer_id"]).joined(separator: ", "))) AS k
                """
            // In the order of the text: the bucket sums, the oldest bucket's test, the groups.
            bindings = read.flatMap { shape.bindings + $0.values } + (oldest.map { shape.bindings + $0.values } ?? []) + totals.bindings
        }
        sql = """
            SELECT \(shape.groupDimensions), g.*, p.name AS payer_name FROM (\(grouped)) AS g
            JOIN payers p ON p.id = g.payer_id\(shape.groupNames) ORDER BY dim_type NULLS FIRST, dim_id NULLS FIRST, g.payer_id
            """
    }

    /// The buckets of a result row that hold a claim, with their outstanding in cents, youngest first,
    /// undated last; over a rollup, the oldest is the row's total less the other buckets.
    func sums(_ row: SQLRow) -> [(AgingBucket?, Int)] {
        var sums = columns.compactMap { column, bucket in row.optionalInt(column).map { (bucket, $0) } }
        if let remainder, row.bool("older") {
            let rest = row.int("total") - sums.reduce(0) { $0 + $1.1 }
            sums.insert((remainder, rest), at: sums.firstIndex { $0.0 == nil } ?? sums.endIndex)
        }
        return sums
    }
}
