/// One payment (or notice): an X12 835 transaction set, ST to SE.
/// Money is integer cents; optional texts are nil when empty.
///
/// - `version`: ST03 if written, else GS08 (e.g. "005010X221A1"); nil without either.
/// - `transactionControlNumber` ST02; `segmentNumber` / `byteOffset`: where its ST is.
/// - `handlingCode` BPR01 (I remittance only, C payment + remittance, H notification, …),
///   `totalPaymentCents` BPR02, `creditDebit` BPR03, `paymentMethod` BPR04 (ACH, CHK, NON,
///   BOP, FWT), `paymentDate` BPR16.
/// - `traceNumber` TRN02 ("" without TRN), `traceOriginatorID` TRN03.
/// - `productionDate` DTM*405 of the header.
/// - `payer` loop 1000A (N1*PR), `payee` loop 1000B (N1*PE).
/// - `claims` loops 2100 in order, `providerAdjustments` PLB, one per (reason, amount) pair.
/// - `imbalances`: each balancing rule the payment breaks (see `ERAImbalance`).
/// - `fingerprint`: lowercase hex SHA-256 of the set's segments between ST and SE (both
///   excluded) in a canonical form — delimiters written * : ^ ~, padding between segments
///   dropped, trailing empty elements and components dropped, content bytes equal to a
///   canonical delimiter escaped — so the same payment in any formatting and under any
///   control numbers has the same fingerprint, and any change of content another one.
/// - `warnings`: what was tolerated inside this set (e.g. a wrong SE01 count without
///   envelope, a CLP without amounts).
public struct ERAPayment: Sendable, Equatable {
    public var version: String?
    public var transactionControlNumber: String
    public var segmentNumber: Int
    public var byteOffset: Int
    public var handlingCode: String
    public var totalPaymentCents: Int
    public var creditDebit: String?
    public var paymentMethod: String?
    public var paymentDate: X12Date?
    public var traceNumber: String
    public var traceOriginatorID: String?
    public var productionDate: X12Date?
    public var payer: ERAParty
    public var payee: ERAParty?
    public var claims: [ERAClaim]
    public var providerAdjustments: [ERAProviderAdjustment]
    public var imbalances: [ERAImbalance]
    public var fingerprint: String
    public var warnings: [X12Warning]

    /// An empty payment (fields as documented on the type), to be filled in.
    public init(version: String? = nil, transactionControlNumber: String = "", segmentNumber: Int = 0,
                byteOffset: Int = 0) {
        self.version = version
        self.transactionControlNumber = transactionControlNumber
        self.segmentNumber = segmentNumber
        self.byteOffset = byteOffset
        handlingCode = ""
        totalPaymentCents = 0
        traceNumber = ""
        payer = ERAParty()
        claims = []
        providerAdjustments = []
        imbalances = []
        fingerprint = ""
        warnings = []
    }
}

/// A whole file read at once: its payments in order and every warning, in stream order
/// (file-level ones and those of each payment).
public struct ERAFile: Sendable {
    public var payments: [ERAPayment]
    public var warnings: [X12Warning]

    /// A file's payments and warnings.
    public init(payments: [ERAPayment], warnings: [X12Warning]) {
        self.payments = payments
        self.warnings = warnings
    }
}

/// One provider-level adjustment: one (reason, amount) pair of an X12 PLB segment.
///
/// `providerID` PLB01; `fiscalPeriodDate` PLB02 (CCYYMMDD); `reason` first component of
/// PLB03/05/07/09/11/13 (e.g. "L6" interest, "WO" overpayment recovery, "FB" forwarding
/// balance, "CV" capitation); `reference` its second component; `amountCents`
/// PLB04/06/…, positive reduces the payment (BPR02 = Σ CLP04 − Σ PLB).
public struct ERAProviderAdjustment: Sendable, Equatable {
    public var providerID: String
    public var fiscalPeriodDate: X12Date?
    public var reason: String
    public var reference: String?
    public var amountCents: Int

    /// A provider adjustment; every field as documented on the type.
    public init(providerID: String, fiscalPeriodDate: X12Date? = nil, reason: String, reference: String? = nil,
                amountCents: Int) {
        self.providerID = providerID
        self.fiscalPeriodDate = fiscalPeriodDate
        self.reason = reason
        self.reference = reference
        self.amountCents = amountCents
    }
}

/// A balancing rule of the X12 835 (5010) guide that a payment breaks. Recorded, never
/// raised: payers do send such files.
///
/// - `.claim`: expected = CLP03 − Σ CAS of the claim and of its lines; actual = CLP04.
/// - `.line`: expected = SVC02 − Σ CAS of the line; actual = SVC03.
/// - `.payment`: expected = Σ CLP04 − Σ PLB amounts; actual = BPR02.
/// `differenceCents` = actual − expected (cents). `claimNumber` is CLP01 for claim and line;
/// `lineNumber` the 1-based position of the line in its claim; `segmentNumber` that of the
/// CLP, SVC or BPR.
public struct ERAImbalance: Sendable, Equatable {
    /// Which rule: claim, service line or whole payment.
    public enum Level: String, Sendable { case claim, line, payment }
    public var level: Level
    public var claimNumber: String?
    public var lineNumber: Int?
    public var segmentNumber: Int
    public var expectedCents: Int
    public var actualCents: Int
    public var differenceCents: Int

    /// An imbalance; `differenceCents` is derived (actual − expected, wrapping never traps).
    public init(level: Level, claimNumber: String? = nil, lineNumber: Int? = nil, segmentNumber: Int,
                expectedCents: Int, actualCents: Int) {
        self.level = level
        self.claimNumber = claimNumber
        self.lineNumber = lineNumber
        self.segmentNumber = segmentNumber
        self.expectedCents = expectedCents
        self.actualCents = actualCents
        self.differenceCents = actualCents &- expectedCents
    }
}
