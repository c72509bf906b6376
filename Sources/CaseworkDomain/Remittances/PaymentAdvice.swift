/// One payment (or notice) from one payer: an X12 835 transaction set (ST…SE), reduced to what
/// posting decides on. The full detail (lines, PLB, dates) is recorded by storage from the reader's values.
public struct PaymentAdvice: Sendable, Hashable {
    /// TRN02, the check or EFT trace number. With the payer it names the payment.
    public var traceNumber: String
    /// BPR16 payment date (else DTM*405 production date).
    public var paymentDate: Day?
    /// BPR02 total actual provider payment.
    public var totalPayment: Cents
    /// Hex SHA-256 of the transaction set's content in canonical form: the same payment in any
    /// formatting has the same fingerprint.
    public var fingerprint: String
    public var claims: [RemittedClaim]

    public init(traceNumber: String, paymentDate: Day?, totalPayment: Cents, fingerprint: String, claims: [RemittedClaim]) {
        self.traceNumber = traceNumber; self.paymentDate = paymentDate; self.totalPayment = totalPayment
        self.fingerprint = fingerprint; self.claims = claims
    }
}
