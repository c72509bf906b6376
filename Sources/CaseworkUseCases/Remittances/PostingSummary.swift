import CaseworkDomain

/// What posting one payment did, as answered to the client and kept with the payment so that a
/// repeat of the same payment gets the same answer. Money in integer cents, dates `YYYY-MM-DD`.
/// Encoded with snake_case keys.
public struct PostingSummary: Sendable, Codable, Equatable {
    /// The stored payment (`GET /v1/remittances/{id}`).
    public var remittanceId: String
    /// True when this payment was posted before and nothing changed now.
    public var duplicate: Bool
    public var payerId: String
    public var payerName: String
    public var traceNumber: String
    public var paymentDate: String?
    public var totalPaymentCents: Int
    /// BPR01: I remittance only, C payment and remittance, H notification.
    public var handlingCode: String
    public var claimsMatched: Int
    public var claimsCreated: Int
    public var reversals: Int
    public var denials: [PostedDenial]
    public var casesOpened: [PostedCase]
    public var casesUpdated: [PostedCase]
    public var imbalances: [PostedImbalance]
    public var warnings: [String]

    public init(remittanceId: String, duplicate: Bool, payerId: String, payerName: String, traceNumber: String, paymentDate: String?,
                totalPaymentCents: Int, handlingCode: String, claimsMatched: Int, claimsCreated: Int, reversals: Int,
                denials: [PostedDenial], casesOpened: [PostedCase], casesUpdated: [PostedCase], imbalances: [PostedImbalance],
                warnings: [String]) {
        self.remittanceId = remittanceId; self.duplicate = duplicate; self.payerId = payerId; self.payerName = payerName
        self.traceNumber = traceNumber; self.paymentDate = paymentDate; self.totalPaymentCents = totalPaymentCents
        self.handlingCode = handlingCode; self.claimsMatched = claimsMatched; self.claimsCreated = claimsCreated
        self.reversals = reversals; self.denials = denials; self.casesOpened = casesOpened; self.casesUpdated = casesUpdated
        self.imbalances = imbalances; self.warnings = warnings
    }
}

/// A denial found while posting and what became of it.
public struct PostedDenial: Sendable, Codable, Equatable {
    public var claimId: String
    public var claimNumber: String
    /// `denial` or `underpayment`.
    public var kind: String
    public var amountCents: Int
    public var carcCodes: [String]
    public var remarkCodes: [String]
    /// The denial category (a case subject).
    public var category: String
    /// `case_opened`, `added_to_case`, `noted_on_case` or `left`.
    public var outcome: String
    public var caseId: String?
    public var caseNumber: String?
    public var ruleId: String?

    public init(claimId: String, claimNumber: String, kind: String, amountCents: Int, carcCodes: [String], remarkCodes: [String],
                category: String, outcome: String, caseId: String?, caseNumber: String?, ruleId: String?) {
        self.claimId = claimId; self.claimNumber = claimNumber; self.kind = kind; self.amountCents = amountCents
        self.carcCodes = carcCodes; self.remarkCodes = remarkCodes; self.category = category; self.outcome = outcome; self.caseId = caseId
        self.caseNumber = caseNumber; self.ruleId = ruleId
    }
}

/// A case a posting opened or changed; `changes` names what happened to it.
public struct PostedCase: Sendable, Codable, Equatable {
    public var id: String
    public var number: String
    public var changes: [String]

    public init(id: String, number: String, changes: [String]) {
        self.id = id; self.number = number; self.changes = changes
    }
}

/// A balancing difference (DESIGN §9): actual − expected, in cents.
public struct PostedImbalance: Sendable, Codable, Equatable {
    /// `claim`, `line` or `payment`.
    public var level: String
    public var claimNumber: String?
    public var lineNumber: Int?
    public var expectedCents: Int
    public var actualCents: Int
    public var differenceCents: Int

    public init(level: String, claimNumber: String?, lineNumber: Int?, expectedCents: Int, actualCents: Int, differenceCents: Int) {
        self.level = level; self.claimNumber = claimNumber; self.lineNumber = lineNumber; self.expectedCents = expectedCents
        self.actualCents = actualCents; self.differenceCents = differenceCents
    }
}

/// What posting one file did: a summary per payment (transaction set) in file order, and the
/// reader's file-level warnings (e.g. no interchange envelope).
public struct FilePostingResult: Sendable, Equatable {
    public var payments: [PostingSummary]
    public var warnings: [String]

    /// True when at least one payment was new (not a duplicate).
    public var postedAnything: Bool { payments.contains { !$0.duplicate } }

    public init(payments: [PostingSummary], warnings: [String]) {
        self.payments = payments; self.warnings = warnings
    }
}
