/// One claim of a payment: an X12 835 loop 2100 (CLP and what follows it up to the next
/// CLP, LX, PLB or SE). Money is integer cents; optional texts are nil when empty.
///
/// - `segmentNumber` / `byteOffset`: where its CLP is in the stream (1-based / 0-based).
/// - `claimNumber` CLP01 (provider's patient control number), `statusCode` CLP02 ("1", "2",
///   "3", "4", "19"…"23"), `chargeCents` CLP03, `paidCents` CLP04,
///   `patientResponsibilityCents` CLP05 (0 when empty), `filingIndicator` CLP06,
///   `payerClaimNumber` CLP07, `facilityCode` CLP08, `frequencyCode` CLP09.
///   A CLP that stops after CLP02 reads CLP03/CLP04 as 0 (with a warning on the payment).
/// - `adjustments`: claim-level CAS triplets in order; `people`: NM1 segments in order.
/// - `remarkCodes`: RARCs of MIA05, MIA20–23 and MOA03–07, in order, each once.
/// - `statementStart` / `statementEnd` / `receivedDate`: DTM*232 / DTM*233 / DTM*050.
/// - `references` REF, `amounts` AMT of the claim (not of its lines).
/// - `serviceLines`: loops 2110 in order.
public struct ERAClaim: Sendable, Equatable {
    public var segmentNumber: Int
    public var byteOffset: Int
    public var claimNumber: String
    public var statusCode: String
    public var chargeCents: Int
    public var paidCents: Int
    public var patientResponsibilityCents: Int
    public var filingIndicator: String?
    public var payerClaimNumber: String?
    public var facilityCode: String?
    public var frequencyCode: String?
    public var adjustments: [ERAAdjustment]
    public var people: [ERAPerson]
    public var remarkCodes: [String]
    public var statementStart: X12Date?
    public var statementEnd: X12Date?
    public var receivedDate: X12Date?
    public var references: [ERAReference]
    public var amounts: [ERAAmount]
    public var serviceLines: [ERAServiceLine]

    /// A claim with the given CLP values and nothing else (fields as documented on the type).
    public init(segmentNumber: Int = 0, byteOffset: Int = 0, claimNumber: String = "", statusCode: String = "",
                chargeCents: Int = 0, paidCents: Int = 0, patientResponsibilityCents: Int = 0) {
        self.init(segmentNumber: segmentNumber, byteOffset: byteOffset, claimNumber: claimNumber, statusCode: statusCode,
                  chargeCents: chargeCents, paidCents: paidCents, patientResponsibilityCents: patientResponsibilityCents,
                  filingIndicator: nil, payerClaimNumber: nil, facilityCode: nil, frequencyCode: nil)
    }

    /// The patient (NM1*QC), if named.
    public var patient: ERAPerson? { people.first { $0.entity == "QC" } }
}

/// One service line of a claim: an X12 835 loop 2110 (SVC and what follows it).
/// Money is integer cents; optional texts are nil when empty.
///
/// - `segmentNumber`: where its SVC is in the stream (1-based).
/// - `procedure` SVC01 composite with ':' between components whatever the file's component
///   separator, e.g. "HC:99213:25"; `chargeCents` SVC02; `paidCents` SVC03;
///   `revenueCode` SVC04 (NUBC revenue code); `units` SVC05 (units paid, as written);
///   `originalProcedure` SVC06 composite (the procedure billed, when it differs).
/// - `serviceDate` DTM*472 or DTM*150; `serviceEndDate` DTM*151 (DTM*472 with an RD8
///   range fills both).
/// - `controlNumber` REF*6R (line item control number); `references`: every REF of the line.
/// - `allowedCents` AMT*B6; `amounts`: every AMT of the line.
/// - `remarkCodes` LQ*HE codes in order; `adjustments` line-level CAS triplets.
public struct ERAServiceLine: Sendable, Equatable {
    public var segmentNumber: Int
    public var procedure: String
    public var chargeCents: Int
    public var paidCents: Int
    public var revenueCode: String?
    public var units: String?
    public var originalProcedure: String?
    public var serviceDate: X12Date?
    public var serviceEndDate: X12Date?
    public var controlNumber: String?
    public var allowedCents: Int?
    public var remarkCodes: [String]
    public var adjustments: [ERAAdjustment]
    public var references: [ERAReference]
    public var amounts: [ERAAmount]

    /// A line with the given SVC values and nothing else (fields as documented on the type).
    public init(segmentNumber: Int = 0, procedure: String = "", chargeCents: Int = 0, paidCents: Int = 0) {
        self.segmentNumber = segmentNumber
        self.procedure = procedure
        self.chargeCents = chargeCents
        self.paidCents = paidCents
        remarkCodes = []
        adjustments = []
        references = []
        amounts = []
    }
}
