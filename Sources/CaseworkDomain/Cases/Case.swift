/// A unit of follow-up work on one or more claims of one payer (DESIGN §2).
///
/// Derived figures (totals, open tasks) are not stored here; see `CaseTotals`.
public struct Case: Sendable, Hashable {
    /// Opaque id, e.g. `case_9f1c...`.
    public var id: String
    public var number: CaseNumber
    /// The payer every linked claim shares.
    public var payerID: String
    /// Set when all linked claims share one patient, else nil.
    public var patientID: String?
    /// The disputed denial reason, from the organization's subject list.
    public var subject: String
    public var tags: [String]
    /// CARCs disputed.
    public var carcCodes: [CARC]
    /// The subset of `carcCodes` already resolved.
    public var resolvedCarcCodes: [CARC]
    public var description: String
    /// Overdue when before today.
    public var followUpBy: Day?
    public var priority: Priority
    public var owner: Owner?
    public var stage: Stage
    public var status: CaseStatus
    public var resolutionNote: String?
    public var createdAt: Instant
    public var createdBy: String
    public var updatedAt: Instant
    public var updatedBy: String
    public var resolvedAt: Instant?
    public var canceledAt: Instant?
    /// Incremented on every change; the basis of the case's ETag.
    public var revision: Int

    public init(id: String, number: CaseNumber, payerID: String, patientID: String?, subject: String,
                tags: [String], carcCodes: [CARC], resolvedCarcCodes: [CARC], description: String,
                followUpBy: Day?, priority: Priority, owner: Owner?, stage: Stage, status: CaseStatus,
                resolutionNote: String?, createdAt: Instant, createdBy: String, updatedAt: Instant,
                updatedBy: String, resolvedAt: Instant?, canceledAt: Instant?, revision: Int) {
        self.id = id; self.number = number; self.payerID = payerID; self.patientID = patientID
        self.subject = subject; self.tags = tags; self.carcCodes = carcCodes
        self.resolvedCarcCodes = resolvedCarcCodes; self.description = description
        self.followUpBy = followUpBy; self.priority = priority; self.owner = owner; self.stage = stage
        self.status = status; self.resolutionNote = resolutionNote; self.createdAt = createdAt
        self.createdBy = createdBy; self.updatedAt = updatedAt; self.updatedBy = updatedBy
        self.resolvedAt = resolvedAt; self.canceledAt = canceledAt; self.revision = revision
    }

    /// Whole days since the case was opened (its UTC creation day) until `today`.
    public func ageDays(today: Day) -> Int { AgingBucket.age(from: createdAt.day, to: today) }

    /// Whether the follow-up date has passed: `followUpBy` is before `today`.
    public func isOverdue(today: Day) -> Bool {
        guard status == .active, let followUpBy else { return false }
        return followUpBy < today
    }
}
