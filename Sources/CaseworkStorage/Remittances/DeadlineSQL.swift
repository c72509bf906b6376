/// Deadlines (DESIGN §9) as SQL expressions, the one place they are defined, so that claims,
/// cases, view filters, sorts and dashboards agree. Dates are `YYYY-MM-DD` text or NULL.
///
/// - appeal deadline: a denied (or underpaid) claim's newest remit payment date + the payer's `appeal_days`;
/// - filing deadline: the claim's first service date + the payer's `timely_filing_days`;
/// - a claim's deadline: its appeal deadline when denied, else its filing deadline while it has
///   no remit (once remitted, it was filed);
/// - a case's deadline: the earliest deadline of its claims still open (outstanding > 0).
enum DeadlineSQL {
    /// Over `claims cl` joined to its payer as `py`.
    static let appeal = """
        CASE WHEN (cl.denial_carcs <> '' OR cl.denial_category IS NOT NULL) AND cl.last_remitted_on IS NOT NULL
                  AND py.appeal_days IS NOT NULL
             THEN date(cl.last_remitted_on, '+' || py.appeal_days || ' days') END
        """

    /// Over `claims cl` joined to its payer as `py`.
    static let filing = """
        CASE WHEN cl.service_start IS NOT NULL AND py.timely_filing_days IS NOT NULL
             THEN date(cl.service_start, '+' || py.timely_filing_days || ' days') END
        """

    /// Over `claims cl` joined to its payer as `py`.
    static let claim = """
        CASE WHEN (cl.denial_carcs <> '' OR cl.denial_category IS NOT NULL) THEN (\(appeal))
             WHEN cl.last_remitted_on IS NULL AND NOT EXISTS (SELECT 1 FROM remittances r WHERE r.claim_id = cl.id) THEN (\(filing)) END
        """

    /// Over `cases c`.
    static let caseDeadline = """
        (SELECT MIN(\(claim)) FROM case_claims dl JOIN claims cl ON cl.id = dl.claim_id JOIN payers py ON py.id = cl.payer_id
         WHERE dl.case_id = c.id AND cl.outstanding_cents > 0)
        """

    /// Over `cases c`: the earliest appeal deadline of its claims still open.
    static let caseAppealDeadline = """
        (SELECT MIN(\(appeal)) FROM case_claims dl JOIN claims cl ON cl.id = dl.claim_id JOIN payers py ON py.id = cl.payer_id
         WHERE dl.case_id = c.id AND cl.outstanding_cents > 0)
        """
}
