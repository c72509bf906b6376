/// One payment (or notice) from one payer, an X12 835 transaction set (ST…SE), reduced to what
/// the posting plan decides on. Its header (trace number, amount, fingerprint, PLB) and every
/// line's detail are recorded by storage from the reader's values.
public struct PaymentAdvice: Sendable, Hashable {
    /// BPR16 payment date (else DTM*405 production date): follow-up dates count from it.
    public var paymentDate: Day?
    /// The CLP loops, in file order.
    public var claims: [RemittedClaim]

    public init(paymentDate: Day?, claims: [RemittedClaim]) {
        self.paymentDate = paymentDate; self.claims = claims
    }
}
