import CaseworkDomain

/// One stored aggregate that differs from its full recomputation.
public struct AggregateMismatch: Sendable, Equatable {
    public var organizationID: String
    /// `case` or `claim`.
    public var entity: String
    /// The case's or claim's id.
    public var entityID: String
    /// The case number or the claim number.
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
/// submissions. The recomputation is written here independently of the triggers that maintain the
/// columns, so a mistake in one does not hide in the other.
public struct AggregateCheck: Sendable {
    let database: SQLiteDatabase

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
            return (cases, claims, mismatches)
        }
    }
}
