import CaseworkDomain
import CaseworkUseCases

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
}

/// A posted payment with everything it carried.
public struct RemittanceDetail: Sendable {
    public var payment: RemittancePaymentRecord
    public var claims: [ClaimRemitRecord]
    public var providerAdjustments: [ProviderAdjustmentRecord]
    public var imbalances: [PostedImbalance]
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
}

/// A CAS adjustment: group, reason code, amount, and the line it belongs to (nil at claim level).
public struct AdjustmentRecord: Sendable, Hashable {
    public var carc: CARC
    public var amountCents: Int
    public var level: RemittanceAdjustment.Level
    public var lineNumber: Int?
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
}

/// A PLB provider-level adjustment: reason (L6 interest, WO overpayment recovery, FB forwarding balance...) and amount.
public struct ProviderAdjustmentRecord: Sendable, Hashable {
    public var providerID: String
    public var fiscalPeriodDate: String?
    public var reason: String
    public var reference: String?
    public var amountCents: Int
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
