import CaseworkDomain

/// A view of cases with its extra filters and sort (DESIGN §4).
public struct CaseQuery: Sendable {
    /// Sort keys of a case list. Every sort ends with the case id, so keyset pages are stable.
    public enum SortKey: String, Sendable, CaseIterable {
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case followUpBy = "follow_up_by"
        case priority
        case number
        case totalOutstanding = "total_outstanding"
        /// The case's deadline (earliest of its open claims'); cases without one last.
        case deadline
    }

    public var view: CaseView
    public var payerID: String?
    public var owner: Owner?
    public var subject: String?
    public var priority: Priority?
    public var tag: String?
    public var carcCode: CARC?
    /// Follow-up date strictly before this day.
    public var followUpBefore: Day?
    /// Follow-up date strictly after this day.
    public var followUpAfter: Day?
    /// Only active cases whose follow-up date is before `today`.
    public var overdue: Bool
    /// Only cases whose deadline is strictly before this day.
    public var deadlineBefore: Day?
    /// Only cases flagged `payment_received` (true) or not (false).
    public var paymentReceived: Bool?
    /// Only cases whose age (days since opened, counted to `today`) falls in this bucket.
    public var agingBucket: AgingBucket?
    /// Only cases of this status (within the view), e.g. the canceled ones of `all`.
    public var status: CaseStatus?
    /// Free text (`q`): the case number, or part of a claim number, payer claim number or patient name of its claims.
    public var search: String?
    public var sort: SortKey
    public var descending: Bool
    public var today: Day

    public init(view: CaseView, payerID: String? = nil, owner: Owner? = nil, subject: String? = nil, priority: Priority? = nil,
                tag: String? = nil, carcCode: CARC? = nil, followUpBefore: Day? = nil, followUpAfter: Day? = nil,
                overdue: Bool = false, deadlineBefore: Day? = nil, paymentReceived: Bool? = nil, agingBucket: AgingBucket? = nil,
                status: CaseStatus? = nil, search: String? = nil, sort: SortKey = .createdAt, descending: Bool = true, today: Day) {
        self.view = view; self.payerID = payerID; self.owner = owner; self.subject = subject; self.priority = priority
        self.tag = tag; self.carcCode = carcCode; self.followUpBefore = followUpBefore; self.followUpAfter = followUpAfter
        self.overdue = overdue; self.deadlineBefore = deadlineBefore; self.paymentReceived = paymentReceived; self.agingBucket = agingBucket; self.status = status; self.search = search; self.sort = sort; self.descending = descending; self.today = today
    }
}
