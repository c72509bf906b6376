import CaseworkDomain

/// A claim with its remittance history, its denial explained, and its deadlines.
public struct ClaimDetail: Sendable {
    public var record: ClaimRecord
    /// Remits oldest first, each with lines and adjustments.
    public var remittances: [ClaimRemitRecord]
    /// Nil when the claim is not denied or underpaid.
    public var denial: ClaimDenial?
    public var appealDeadline: Day?
    public var filingDeadline: Day?

    /// A value with every field given (as documented on the type).
    public init(record: ClaimRecord, remittances: [ClaimRemitRecord], denial: ClaimDenial?, appealDeadline: Day?, filingDeadline: Day?) {
        self.record = record; self.remittances = remittances; self.denial = denial; self.appealDeadline = appealDeadline; self.filingDeadline = filingDeadline
    }
}

/// Why a claim is denied: the amount, the category, and each reason with its net amount and category.
public struct ClaimDenial: Sendable {
    /// `denial` or `underpayment`.
    public var kind: String
    public var amountCents: Int
    public var category: String
    public var reasons: [(carc: CARC, amountCents: Int, category: String)]
    /// RARCs of the newest remit.
    public var remarkCodes: [String]

    /// A value with every field given (as documented on the type).
    public init(kind: String, amountCents: Int, category: String, reasons: [(carc: CARC, amountCents: Int, category: String)], remarkCodes: [String]) {
        self.kind = kind; self.amountCents = amountCents; self.category = category; self.reasons = reasons; self.remarkCodes = remarkCodes
    }
}
