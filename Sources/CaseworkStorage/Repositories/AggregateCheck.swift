import CaseworkDomain

/// One stored aggregate that differs from its full recomputation.
public struct AggregateMismatch: Sendable, Equatable {
    public var organizationID: String
    /// `case`, `claim` or `rollup`.
    public var entity: String
    /// The case's or claim's id, or the rollup group ("table:status/stage/subject/payer/owner[/carc]").
    public var entityID: String
    /// The case number or the claim number ("" for a rollup group).
    public var number: String
    /// The stored column, e.g. `total_outstanding_cents`.
    public var field: String
    /// The stored value as text, nil for NULL.
    public var stored: String?
    /// The value recomputed from the case's claims, nil for NULL.
    public var recomputed: String?
}

/// Compares what the database keeps up to date on write with a recomputation from the rows it
/// summarises (`casework check-aggregates`): each case's stored totals and deadlines (migration
/// 0012) against its claims, each claim's first submission date (migration 0013) against its
/// submissions, the dashboard rollups (migrations 0014, 0015, 0018, 0020, 0022 and 0024) against a grouping of the
/// cases, of their claims and of the activities. The recomputation is written here independently of the triggers that maintain the
/// columns, so a mistake in one does not hide in the other.
public struct AggregateCheck: Sendable {
    let database: any SQLDatabase

    /// A rollup table, its group columns (organization first), the column counting what it
    /// groups, whether it also sums `outstanding_cents`, and the query that groups the rows it
    /// summarises (the same columns, then `n` and `outstanding_cents`, 0 where it keeps no sum),
    /// written independently of the triggers that keep it.
    struct Rollup {
        let table: String
        let keys: [String]
        let count: String
        var sumsOutstanding = true
        let fresh: String
    }

    static let rollups = [
        Rollup(table: "case_rollup", keys: ["organization_id", "status", "stage", "subject", "payer_id", "owner_type", "owner_id"],
               count: "cases", fresh: """
                   SELECT organization_id, status, stage, subject, payer_id, COALESCE(owner_type, '') AS owner_type,
                          COALESCE(owner_id, '') AS owner_id, COUNT(*) AS n, SUM(total_outstanding_cents) AS outstanding_cents
                   FROM cases GROUP BY 1, 2, 3, 4, 5, 6, 7
                   """),
        Rollup(table: "case_carc_rollup",
               keys: ["organization_id", "status", "stage", "subject", "payer_id", "owner_type", "owner_id", "carc"], count: "cases", fresh: """
                   SELECT c.organization_id, c.status, c.stage, c.subject, c.payer_id, COALESCE(c.owner_type, '') AS owner_type,
                          COALESCE(c.owner_id, '') AS owner_id, COALESCE(k.code, '') AS carc, COUNT(*) AS n,
                          SUM(c.total_outstanding_cents) AS outstanding_cents
                   FROM cases c LEFT JOIN case_carc_codes k ON k.case_id = c.id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
                   """),
        Rollup(table: "claim_aging_rollup", keys: ["organization_id", "status", "payer_id", "start_day"], count: "claims", fresh: """
                   SELECT c.organization_id, c.status, c.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, '') AS start_day,
                          COUNT(*) AS n, SUM(cl.outstanding_cents) AS outstanding_cents
                   FROM case_claims l JOIN cases c ON c.id = l.case_id JOIN claims cl ON cl.id = l.claim_id GROUP BY 1, 2, 3, 4
                   """),
        Rollup(table: "claim_aging_owner_rollup", keys: ["organization_id", "status", "payer_id", "owner_type", "owner_id", "start_day"],
               count: "claims", fresh: """
                   SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, '') AS owner_type,
                          COALESCE(c.owner_id, '') AS owner_id, COALESCE(cl.first_submitted_on, cl.service_start, '') AS start_day,
                          COUNT(*) AS n, SUM(cl.outstanding_cents) AS outstanding_cents
                   FROM case_claims l JOIN cases c ON c.id = l.case_id JOIN claims cl ON cl.id = l.claim_id GROUP BY 1, 2, 3, 4, 5, 6
                   """),
        Rollup(table: "claim_aging_carc_rollup", keys: ["organization_id", "status", "payer_id", "carc", "start_day"], count: "claims",
               fresh: """
                   SELECT c.organization_id, c.status, c.payer_id, COALESCE(k.code, '') AS carc,
                          COALESCE(cl.first_submitted_on, cl.service_start, '') AS start_day, COUNT(*) AS n,
                          SUM(cl.outstanding_cents) AS outstanding_cents
                   FROM case_claims l JOIN cases c ON c.id = l.case_id JOIN claims cl ON cl.id = l.claim_id
                        LEFT JOIN case_carc_codes k ON k.case_id = c.id GROUP BY 1, 2, 3, 4, 5
                   """),
        Rollup(table: "case_created_rollup", keys: ["organization_id", "created_day", "status", "priority", "payer_id"], count: "cases",
               sumsOutstanding: false, fresh: """
                   SELECT organization_id, substr(created_at, 1, 10) AS created_day, status, priority, payer_id, COUNT(*) AS n,
                          0 AS outstanding_cents
                   FROM cases GROUP BY 1, 2, 3, 4, 5
                   """),
        Rollup(table: "activity_counts", keys: ["organization_id", "kind", "state", "assignee_id", "created_by"], count: "activities",
               sumsOutstanding: false, fresh: """
                   SELECT organization_id, kind, state, COALESCE(assignee_id, '') AS assignee_id, created_by, COUNT(*) AS n,
                          0 AS outstanding_cents
                   FROM activities WHERE state IS NOT NULL GROUP BY 1, 2, 3, 4, 5
                   """),
        Rollup(table: "case_appeal_rollup", keys: ["organization_id", "appeal_deadline"], count: "cases", sumsOutstanding: false,
               fresh: """
                   SELECT organization_id, appeal_deadline, COUNT(*) AS n, 0 AS outstanding_cents
                   FROM cases WHERE status = 'active' AND appeal_deadline IS NOT NULL GROUP BY 1, 2
                   """),
    ]

    /// The groups of `rollup` that differ from a fresh grouping (groups with nothing in them count
    /// as absent). Entity `rollup`, the group as "table:key/key/…" (organization excluded), fields
    /// the count column and `outstanding_cents`.
    static func mismatches(_ db: any SQLExecutor, _ rollup: Rollup) throws -> [AggregateMismatch] {
        let keys = rollup.keys.joined(separator: ", ")
        let outstanding = rollup.sumsOutstanding ? "outstanding_cents" : "0"
        let kept = "SELECT \(keys), \(rollup.count) AS n, \(outstanding) AS outstanding_cents FROM \(rollup.table) WHERE \(rollup.count) <> 0 OR \(outstanding) <> 0"
        let sql = """
            WITH fresh AS (\(rollup.fresh)), kept AS (\(kept))
            SELECT \(keys), k.n AS stored_n, f.n AS fresh_n, k.outstanding_cents AS stored_outstanding,
                   f.outstanding_cents AS fresh_outstanding
            FROM fresh f LEFT JOIN kept k USING (\(keys))
            WHERE k.n IS DISTINCT FROM f.n OR k.outstanding_cents IS DISTINCT FROM f.outstanding_cents
            UNION ALL
            SELECT \(keys), k.n, NULL, k.outstanding_cents, NULL FROM kept k LEFT JOIN fresh f USING (\(keys)) WHERE f.n IS NULL
            ORDER BY \(keys)
            """
        var found: [AggregateMismatch] = []
        for row in try db.query(sql) {
            let id = rollup.table + ":" + rollup.keys.dropFirst().map { row.string($0) }.joined(separator: "/")
            func text(_ column: String) -> String? { row.optionalInt(column).map { String($0) } }
            for (field, stored, recomputed) in [(rollup.count, text("stored_n"), text("fresh_n")),
                                                ("outstanding_cents", text("stored_outstanding"), text("fresh_outstanding"))]
            where stored != recomputed {
                found.append(AggregateMismatch(organizationID: row.string("organization_id"), entity: "rollup", entityID: id,
                                               number: "", field: field, stored: stored ?? "0", recomputed: recomputed ?? "0"))
            }
        }
        return found
    }

    /// The number of cases and claims checked and every mismatch: cases first (by organization,
    /// number and field), then claims (by organization and claim number).
    /// - Throws: storage errors.
    public func run() throws -> (cases: Int, claims: Int, mismatches: [AggregateMismatch]) {
        try database.read { db in
            let cases = try db.queryOne("SELECT COUNT(*) AS n FROM cases")?.int("n") ?? 0
            let claims = try db.queryOne("SELECT COUNT(*) AS n FROM claims")?.int("n") ?? 0
            var mismatches: [AggregateMismatch] = []
            let sql = """
                SELECT c.id, c.organization_id, c.number,
                       c.total_outstanding_cents AS stored_outstanding, c.total_cost_share_outstanding_cents AS stored_cost_share,
                       c.deadline AS stored_deadline, c.appeal_deadline AS stored_appeal_deadline,
                       r.outstanding, r.cost_share, r.deadline, r.appeal_deadline
                FROM cases c
                LEFT JOIN (SELECT l.case_id, SUM(cl.outstanding_cents) AS outstanding,
                                  SUM(cl.cost_share_outstanding_cents) AS cost_share,
                                  MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.deadline END) AS deadline,
                                  MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.appeal_deadline END) AS appeal_deadline
                           FROM case_claims l JOIN claims cl ON cl.id = l.claim_id GROUP BY l.case_id) r ON r.case_id = c.id
                ORDER BY c.organization_id, c.number
                """
            try db.forEachRow(sql, []) { row in
                func text(_ column: String) -> String? {
                    switch row[column] {
                    case .integer(let value): String(value)
                    case .text(let value): value
                    default: nil
                    }
                }
                let pairs = [("total_outstanding_cents", text("stored_outstanding"), text("outstanding") ?? "0"),
                             ("total_cost_share_outstanding_cents", text("stored_cost_share"), text("cost_share") ?? "0"),
                             ("deadline", text("stored_deadline"), text("deadline")),
                             ("appeal_deadline", text("stored_appeal_deadline"), text("appeal_deadline"))]
                for (field, stored, recomputed) in pairs where stored != recomputed {
                    mismatches.append(AggregateMismatch(
                        organizationID: row.string("organization_id"), entity: "case", entityID: row.string("id"),
                        number: CaseNumber(sequence: row.int("number")).description, field: field, stored: stored, recomputed: recomputed))
                }
                return true
            }
            let firstSubmissions = """
                SELECT cl.id, cl.organization_id, cl.claim_number, cl.first_submitted_on AS stored, MIN(s.submitted_on) AS recomputed
                FROM claims cl LEFT JOIN submissions s ON s.claim_id = cl.id
                GROUP BY cl.organization_id, cl.id HAVING cl.first_submitted_on IS DISTINCT FROM MIN(s.submitted_on) ORDER BY cl.organization_id, cl.claim_number
                """
            for row in try db.query(firstSubmissions) {
                mismatches.append(AggregateMismatch(
                    organizationID: row.string("organization_id"), entity: "claim", entityID: row.string("id"),
                    number: row.string("claim_number"), field: "first_submitted_on", stored: row.optionalString("stored"),
                    recomputed: row.optionalString("recomputed")))
            }
            for rollup in Self.rollups { mismatches += try Self.mismatches(db, rollup) }
            return (cases, claims, mismatches)
        }
    }
}
