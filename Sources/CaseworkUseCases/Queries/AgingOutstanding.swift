import CaseworkDomain

/// Outstanding money of active cases by payer and aging bucket (Case Insights). A claim ages from
/// its first submission date, else its first service date (`Claim.agingStart`); claims with neither
/// fall in no bucket (`bucket` nil).
public struct AgingOutstanding: Sendable, Hashable {
    public var group: InsightsGroup?
    public var payerID: String
    public var payerName: String
    public var bucket: AgingBucket?
    /// Σ outstanding over the distinct claims of the active cases in the cell.
    public var outstanding: Cents

    /// A value with every field given (as documented on the type).
    public init(group: InsightsGroup?, payerID: String, payerName: String, bucket: AgingBucket?, outstanding: Cents) {
        self.group = group; self.payerID = payerID; self.payerName = payerName; self.bucket = bucket; self.outstanding = outstanding
    }
}
