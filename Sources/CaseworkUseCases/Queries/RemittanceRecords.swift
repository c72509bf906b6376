import CaseworkDomain

/// A posted payment's header, as lists show it. Money in cents, dates `YYYY-MM-DD`.
public struct RemittancePaymentRecord: Sendable, Hashable {
    public var id: String
    public var payerID: String
    public var payerName: String
    public var traceNumber: String
    public var paymentDate: String?
    public var productionDate: String?
    public var totalPaymentCents: Int
    public var handlingCode: String
    public var creditDebit: String?
    public var paymentMethod: String?
    /// N1*PR04 as the file gave it.
    public var payerIdentifier: String?
    public var payeeName: String?
    public var payeeIdentifier: String?
    public var version: String?
    public var sourceName: String?
    public var postedAt: String
    public var claimCount: Int
    public var imbalanceCount: Int

    /// A value with every field given (as documented on the type).
    public init(id: String, payerID: String, payerName: String, traceNumber: String, paymentDate: String?, productionDate: String?, totalPaymentCents: Int, handlingCode: String, creditDebit: String?, paymentMethod: String?, payerIdentifier: String?, payeeName: String?, payeeIdentifier: String?, version: String?, sourceName: String?, postedAt: String, claimCount: Int, imbalanceCount: Int) {
        self.id = id; self.payerID = payerID; self.payerName = payerName; self.traceNumber = traceNumber; self.paymentDate = paymentDate; self.productionDate = productionDate; self.totalPaymentCents = totalPaymentCents; self.handlingCode = handlingCode; self.creditDebit = creditDebit; self.paymentMethod = paymentMethod; self.payerIdentifier = payerIdentifier; self.payeeName = payeeName; self.payeeIdentifier = payeeIdentifier; self.version = version; self.sourceName = sourceName; self.postedAt = postedAt; self.claimCount = claimCount; self.imbalanceCount = imbalanceCount
    }
}

/// A posted payment with everything it carried.
public struct RemittanceDetail: Sendable {
    public var payment: RemittancePaymentRecord
    public var claims: [ClaimRemitRecord]
    public var providerAdjustments: [ProviderAdjustmentRecord]
    public var imbalances: [PostedImbalance]

    /// A value with every field given (as documented on the type).
    public init(payment: RemittancePaymentRecord, claims: [ClaimRemitRecord], providerAdjustments: [ProviderAdjustmentRecord], imbalances: [PostedImbalance]) {
        self.payment = payment; self.claims = claims; self.providerAdjustments = providerAdjustments; self.imbalances = imbalances
    }
}

/// One claim's remit (a CLP loop): what was billed, paid and adjusted, and why.
public struct ClaimRemitRecord: Sendable, Hashable {
    public var id: String
    public var claimID: String
    public var claimNumber: String
    /// The payment it came in; nil for a remit imported with a claims fixture.
    public var paymentID: String?
    public var traceNumber: String?
    public var statusCode: String
    public var chargeCents: Int?
    public var paidCents: Int
    public var patientResponsibilityCents: Int
    public var paidOn: String?
    public var payerClaimNumber: String?
    public var remarkCodes: [String]
    public var sourceFile: String?
    public var adjustments: [AdjustmentRecord]
    public var serviceLines: [ServiceLineRecord]

    /// The RARCs of the whole remit: claim level (MOA/MIA) first, then each line's (LQ*HE), each once, in order.
    public var allRemarkCodes: [String] {
        var codes: [String] = []
        for code in remarkCodes + serviceLines.flatMap(\.remarkCodes) where !codes.contains(code) { codes.append(code) }
        return codes
    }

    /// A value with every field given (as documented on the type).
    public init(id: String, claimID: String, claimNumber: String, paymentID: String?, traceNumber: String?, statusCode: String, chargeCents: Int?, paidCents: Int, patientResponsibilityCents: Int, paidOn: String?, payerClaimNumber: String?, remarkCodes: [String], sourceFile: String?, adjustments: [AdjustmentRecord], serviceLines: [ServiceLineRecord]) {
        self.id = id; self.claimID = claimID; self.claimNumber = claimNumber; self.paymentID = paymentID; self.traceNumber = traceNumber; self.statusCode = statusCode; self.chargeCents = chargeCents; self.paidCents = paidCents; self.patientResponsibilityCents = patientResponsibilityCents; self.paidOn = paidOn; self.payerClaimNumber = payerClaimNumber; self.remarkCodes = remarkCodes; self.sourceFile = sourceFile; self.adjustments = adjustments; self.serviceLines = serviceLines
    }
}

/// A CAS adjustment: group, reason code, amount, and the line it belongs to (nil at claim level).
public struct AdjustmentRecord: Sendable, Hashable {
    public var carc: CARC
    public var amountCents: Int
    public var level: RemittanceAdjustment.Level
    public var lineNumber: Int?

    /// A value with every field given (as documented on the type).
    public init(carc: CARC, amountCents: Int, level: RemittanceAdjustment.Level, lineNumber: Int?) {
        self.carc = carc; self.amountCents = amountCents; self.level = level; self.lineNumber = lineNumber
    }
}

/// An SVC loop of a remit.
public struct ServiceLineRecord: Sendable, Hashable {
    public var lineNumber: Int
    public var procedure: String
    public var chargeCents: Int
    public var paidCents: Int
    public var revenueCode: String?
    public var units: String?
    public var serviceDate: String?
    public var serviceEndDate: String?
    public var controlNumber: String?
    public var allowedCents: Int?
    public var remarkCodes: [String]

    /// A value with every field given (as documented on the type).
    public init(lineNumber: Int, procedure: String, chargeCents: Int, paidCents: Int, revenueCode: String?, units: String?, serviceDate: String?, serviceEndDate: String?, controlNumber: String?, allowedCents: Int?, remarkCodes: [String]) {
        self.lineNumber = lineNumber; self.procedure = procedure; self.chargeCents = chargeCents; self.paidCents = paidCents; self.revenueCode = revenueCode; self.units = units; self.serviceDate = serviceDate; self.serviceEndDate = serviceEndDate; self.controlNumber = controlNumber; self.allowedCents = allowedCents; self.remarkCodes = remarkCodes
    }
}

/// A PLB provider-level adjustment: reason (L6 interest, WO overpayment recovery, FB forwarding balance...) and amount.
public struct ProviderAdjustmentRecord: Sendable, Hashable {
    public var providerID: String
    public var fiscalPeriodDate: String?
    public var reason: String
    public var reference: String?
    public var amountCents: Int

    /// A value with every field given (as documented on the type).
    public init(providerID: String, fiscalPeriodDate: String?, reason: String, reference: String?, amountCents: Int) {
        self.providerID = providerID; self.fiscalPeriodDate = fiscalPeriodDate; self.reason = reason; self.reference = reference; self.amountCents = amountCents
    }
}

/// Filters of the payment list; nil members do not filter. Dates bound the payment date, inclusive.
public struct RemittanceFilter: Sendable {
    public var payerID: String?
    public var traceNumber: String?
    public var paidFrom: Day?
    public var paidTo: Day?

    public init(payerID: String? = nil, traceNumber: String? = nil, paidFrom: Day? = nil, paidTo: Day? = nil) {
        self.payerID = payerID; self.traceNumber = traceNumber; self.paidFrom = paidFrom; self.paidTo = paidTo
    }
}
