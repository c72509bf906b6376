/// Figures derived from the claims linked to a case (DESIGN §2 "totals").
public struct CaseTotals: Sendable, Hashable {
    /// Earliest service date of the linked claims; nil when none has one.
    public var billableStart: Day?
    /// Latest service date of the linked claims.
    public var billableEnd: Day?
    public var totalExpected: Cents
    public var totalPaid: Cents
    public var totalOutstanding: Cents
    public var totalCostShareOutstanding: Cents

    /// Sums `claims` (each counted once by the caller) into totals.
    /// - Parameter claims: service dates and amounts of each linked claim.
    public init(claims: [(serviceStart: Day?, serviceEnd: Day?, amounts: ClaimAmounts)]) {
        billableStart = claims.compactMap { $0.serviceStart ?? $0.serviceEnd }.min()
        billableEnd = claims.compactMap { $0.serviceEnd ?? $0.serviceStart }.max()
        totalExpected = claims.map(\.amounts.expected).sum()
        totalPaid = claims.map(\.amounts.paid).sum()
        totalOutstanding = claims.map(\.amounts.outstanding).sum()
        totalCostShareOutstanding = claims.map(\.amounts.costShareOutstanding).sum()
    }
}
