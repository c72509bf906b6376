import CaseworkDomain

/// Filters and split of the Case Insights dashboard (DESIGN §5).
public struct CaseInsightsQuery: Sendable {
    /// The dimension every figure is split by.
    public enum DrillDown: String, Sendable, CaseIterable {
        case owner
        case carcCode = "carc_code"
    }

    public var payerID: String?
    public var subject: String?
    public var owner: Owner?
    public var carcCode: CARC?
    /// Cases created on or after this day (UTC).
    public var createdAfter: Day?
    /// Cases created before this day (UTC): the interval is half-open.
    public var createdBefore: Day?
    public var drillDown: DrillDown?

    public init(payerID: String? = nil, subject: String? = nil, owner: Owner? = nil, carcCode: CARC? = nil,
                createdAfter: Day? = nil, createdBefore: Day? = nil, drillDown: DrillDown? = nil) {
        self.payerID = payerID; self.subject = subject; self.owner = owner; self.carcCode = carcCode
        self.createdAfter = createdAfter; self.createdBefore = createdBefore; self.drillDown = drillDown
    }
}

/// The value of the drill-down dimension a figure row belongs to.
public enum InsightsGroup: Sendable, Hashable {
    /// An owner (nil: unowned cases) with its display name.
    case owner(Owner?, name: String?)
    /// A disputed CARC (nil: cases without CARCs).
    case carcCode(String?)
}

/// The Case Insights figures. With a drill-down every row carries its `group`; without, `group` is nil.
public struct CaseInsights: Sendable {
    public struct Count: Sendable, Hashable {
        public var group: InsightsGroup?
        /// The grouping key: a subject, a status, or a payer id.
        public var key: String
        /// The payer's name when `key` is a payer id.
        public var name: String?
        public var count: Int

        /// A value with every field given (as documented on the type).
        public init(group: InsightsGroup?, key: String, name: String?, count: Int) {
            self.group = group; self.key = key; self.name = name; self.count = count
        }
    }
    public struct Outstanding: Sendable, Hashable {
        public var group: InsightsGroup?
        public var payerID: String
        public var payerName: String
        public var subject: String
        /// Σ outstanding over the distinct claims of the open cases in the cell.
        public var outstanding: Cents

        /// A value with every field given (as documented on the type).
        public init(group: InsightsGroup?, payerID: String, payerName: String, subject: String, outstanding: Cents) {
            self.group = group; self.payerID = payerID; self.payerName = payerName; self.subject = subject; self.outstanding = outstanding
        }
    }
    public struct StatusCounts: Sendable, Hashable {
        public var group: InsightsGroup?
        public var canceled: Int
        public var resolved: Int
        public var inProgress: Int

        /// A value with every field given (as documented on the type).
        public init(group: InsightsGroup?, canceled: Int, resolved: Int, inProgress: Int) {
            self.group = group; self.canceled = canceled; self.resolved = resolved; self.inProgress = inProgress
        }
    }

    public var openBySubject: [Count]
    public var byStatus: [Count]
    public var openByPayer: [Count]
    public var outstandingByPayerSubject: [Outstanding]
    public var statusCounts: [StatusCounts]

    /// A value with every field given (as documented on the type).
    public init(openBySubject: [Count], byStatus: [Count], openByPayer: [Count], outstandingByPayerSubject: [Outstanding], statusCounts: [StatusCounts]) {
        self.openBySubject = openBySubject; self.byStatus = byStatus; self.openByPayer = openByPayer; self.outstandingByPayerSubject = outstandingByPayerSubject; self.statusCounts = statusCounts
    }
}
