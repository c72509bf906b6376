/// An insurer billed for claims.
public struct Payer: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Electronic payer id (X12 835 N1*PR REF*2U / TRN03); nil when unknown.
    public var payerID: String?
    public var kind: PayerKind
    /// Days after service within which a claim must be filed; nil when unknown.
    public var timelyFilingDays: Int?
    /// Days after a denial within which an appeal must be filed; nil when unknown.
    public var appealDays: Int?

    public init(id: String, name: String, payerID: String?, kind: PayerKind, timelyFilingDays: Int?, appealDays: Int?) {
        self.id = id; self.name = name; self.payerID = payerID; self.kind = kind
        self.timelyFilingDays = timelyFilingDays; self.appealDays = appealDays
    }
}
