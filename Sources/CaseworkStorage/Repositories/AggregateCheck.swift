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
/// submissions, the Case Insights rollups (migration 0014) against a grouping of the cases. The recomputation is written here independently of the triggers that maintain the
/// columns, so a mistake in one does not hide in the other.
public struct AggregateCheck: Sendable {
    let database: SQLiteDatabase

    /// The rows of a rollup of migration 0014 that differ from a grouping of the cases (rows with
    /// no case and no money count as absent). Entity `rollup`, the group as
    /// "table:status/stage/subject/payer/owner[/carc]", fields `cases` and `outstanding_cents`.
    static func rollupMismatches(_ db: SQLiteConnection, table: String, carc: Bool) throws -> [AggregateMismatch] {
        let keys = "organization_id, status, stage, subject, payer_id, owner_type, owner_id" + (carc ? ", carc" : "")
        let fresh = """
            SELECT c.organization_id, c.status, c.stage, c.subject, c.payer_id, COALESCE(c.owner_type, '') AS owner_type,
                   COALESCE(c.owner_id, '') AS owner_id\(carc ? ", COALESCE(k.code, '') AS carc" : ""),
                   COUNT(*) AS cases, SUM(c.total_outstanding_cents) AS outstanding_cents
            FROM cases c\(carc ? " LEFT JOIN case_carc_codes k ON k.case_id = c.id" : "") GROUP BY \(keys)
            """
        let kept = "SELECT \(keys), cases, outstanding_cents FROM \(table) WHERE cases <> 0 OR outstanding_cents <> 0"
        let sql = """
            WITH fresh AS (\(fresh)), kept AS (\(kept))
            SELECT \(keys), k.cases AS stored_cases, f.cases AS fresh_cases, k.outstanding_cents AS stored_outstanding,
                   f.outstanding_cents AS fresh_outstanding
            FROM fresh f LEFT JOIN kept k USING (\(keys))
            WHERE k.cases IS NOT f.cases OR k.outstanding_cents IS NOT f.outstanding_cents
            UNION ALL
            SELECT \(keys), k.cases, NULL, k.outstanding_cents, NULL FROM kept k LEFT JOIN fresh f USING (\(keys)) WHERE f.cases IS NULL
            ORDER BY 1, 2, 3, 4, 5, 6, 7
            """
        var found: [AggregateMismatch] = []
        for row in try db.query(sql) {
            let group = [row.string("status"), row.string("stage"), row.string("subject"), row.string("payer_id"),
                         row.string("owner_type") + ":" + row.string("owner_id")] + (carc ? [row.string("carc")] : [])
            let id = table + ":" + group.joined(separator: "/")
            func text(_ column: String) -> String? { row.optionalInt(column).map { String($0) } }
            for (field, stored, recomputed) in [("cases", text("stored_cases"), text("fresh_cases")),
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
                LEFT JOIN (SELECT l.case_id, SUM(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents) AS outstanding,
                                  SUM(cl.cost_share_cents - cl.cost_share_paid_cents) AS cost_share,
                                  MIN(IIF(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents > 0, cl.deadline, NULL))
                                      AS deadline,
                                  MIN(IIF(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents > 0, cl.appeal_deadline, NULL))
                                      AS appeal_deadline
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
                GROUP BY cl.id HAVING stored IS NOT recomputed ORDER BY cl.organization_id, cl.claim_number
                """
            for row in try db.query(firstSubmissions) {
                mismatches.append(AggregateMismatch(
                    organizationID: row.string("organization_id"), entity: "claim", entityID: row.string("id"),
                    number: row.string("claim_number"), field: "first_submitted_on", stored: row.optionalString("stored"),
                    recomputed: row.optionalString("recomputed")))
            }
            mismatches += try Self.rollupMismatches(db, table: "case_rollup", carc: false)
            mismatches += try Self.rollupMismatches(db, table: "case_carc_rollup", carc: true)
            return (cases, claims, mismatches)
        }
    }
}
