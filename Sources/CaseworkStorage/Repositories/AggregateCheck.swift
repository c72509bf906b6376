import CaseworkDomain

/// One stored aggregate that differs from its full recomputation.
public struct AggregateMismatch: Sendable, Equatable {
    public var organizationID: String
    public var caseID: String
    public var caseNumber: String
    /// The stored column, e.g. `total_outstanding_cents`.
    public var field: String
    /// The stored value as text, nil for NULL.
    public var stored: String?
    /// The value recomputed from the case's claims, nil for NULL.
    public var recomputed: String?
}

/// Compares what the database keeps up to date on write with a recomputation from the rows it
/// summarises (`casework check-aggregates`): each case's stored totals and deadlines (migration
/// 0012) against its claims. The recomputation is written here independently of the triggers that
/// maintain the columns, so a mistake in one does not hide in the other.
public struct AggregateCheck: Sendable {
    let database: SQLiteDatabase

    /// The number of cases checked and every mismatch, ordered by organization, case number and field.
    /// - Throws: storage errors.
    public func run() throws -> (cases: Int, mismatches: [AggregateMismatch]) {
        try database.read { db in
            let cases = try db.queryOne("SELECT COUNT(*) AS n FROM cases")?.int("n") ?? 0
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
                        organizationID: row.string("organization_id"), caseID: row.string("id"),
                        caseNumber: CaseNumber(sequence: row.int("number")).description, field: field, stored: stored, recomputed: recomputed))
                }
                return true
            }
            return (cases, mismatches)
        }
    }
}
