/// Case deadlines (DESIGN §9) as SQL expressions, the one place they are defined, so that cases,
/// view filters, sorts and dashboards agree. Dates are `YYYY-MM-DD` text or NULL.
///
/// A claim's own deadlines are stored columns (`appeal_deadline`, `filing_deadline`, `deadline`)
/// that migration 0006's triggers keep from the view `claim_deadlines`; a case's deadline is the
/// earliest deadline of its claims still open (outstanding > 0), read through the covering index
/// `claims_open_deadlines`.
enum DeadlineSQL {
    /// Over `cases c`: the earliest deadline (appeal when denied, filing while unremitted) of its open claims.
    static let caseDeadline = earliest("deadline")

    /// Over `cases c`: the earliest appeal deadline of its claims still open.
    static let caseAppealDeadline = earliest("appeal_deadline")

    private static func earliest(_ column: String) -> String {
        """
        (SELECT MIN(cl.\(column)) FROM case_claims dl JOIN claims cl ON cl.id = dl.claim_id
         WHERE dl.case_id = c.id AND cl.outstanding_cents > 0)
        """
    }
}
