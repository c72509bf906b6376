/// The money of one claim, all in cents, and the balances derived from it.
///
/// outstanding = expected − paid − cost share − write-off (negative when overpaid);
/// cost share outstanding = cost share − cost share paid.
public struct ClaimAmounts: Sendable, Hashable {
    /// What was billed (X12 835 CLP03).
    public var billed: Cents
    /// What the provider expects to collect in total (allowed amount).
    public var expected: Cents
    /// What the payer has paid across all submissions (sum of CLP04).
    public var paid: Cents
    /// The patient's part: deductible, coinsurance, copay (sum of CLP05 / PR adjustments).
    public var costShare: Cents
    /// What the patient has paid of the cost share.
    public var costSharePaid: Cents
    /// Amounts the provider gave up.
    public var writeOff: Cents

    public init(billed: Cents, expected: Cents, paid: Cents = .zero, costShare: Cents = .zero,
                costSharePaid: Cents = .zero, writeOff: Cents = .zero) {
        self.billed = billed; self.expected = expected; self.paid = paid
        self.costShare = costShare; self.costSharePaid = costSharePaid; self.writeOff = writeOff
    }

    /// The payer balance still to collect: expected − paid − cost share − write-off.
    public var outstanding: Cents { expected - paid - costShare - writeOff }

    /// The patient balance still to collect: cost share − cost share paid.
    public var costShareOutstanding: Cents { costShare - costSharePaid }
}
