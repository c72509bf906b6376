import CaseworkDomain

/// The Tier 1 dashboard (DESIGN §5): the caller's day-to-day figures over a period.
public struct TierOne: Sendable {
    /// A list's first page and how many items it has in all.
    public struct List<Item: Sendable>: Sendable {
        public var total: Int
        public var items: [Item]

        /// A list of `items` out of `total`.
        public init(total: Int, items: [Item]) { self.total = total; self.items = items }
    }
    public struct Count: Sendable, Hashable {
        public var key: String
        /// The payer's name for payer rows.
        public var name: String?
        public var count: Int

        /// A value with every field given (as documented on the type).
        public init(key: String, name: String?, count: Int) {
            self.key = key; self.name = name; self.count = count
        }
    }

    /// Cases created in the period, by priority, payer and status.
    public var byPriority: [Count]
    public var byPayer: [Count]
    public var byStatus: [Count]
    /// Active cases created in the period, follow-up date first.
    public var activeCases: List<CaseRow>
    /// Cases owned by the caller (or a team of theirs) resolved in the period, newest first.
    public var myResolvedCases: List<CaseRow>
    /// E-mail drafts the caller wrote, newest first.
    public var myDraftEmails: List<Activity>
    /// Open tasks assigned to the caller (or unassigned ones they created) and appointments they
    /// scheduled, by due date (a task's due date, an appointment's start), undated last.
    public var myOpenActivities: List<Activity>

    /// A value with every field given (as documented on the type).
    public init(byPriority: [Count], byPayer: [Count], byStatus: [Count], activeCases: List<CaseRow>, myResolvedCases: List<CaseRow>, myDraftEmails: List<Activity>, myOpenActivities: List<Activity>) {
        self.byPriority = byPriority; self.byPayer = byPayer; self.byStatus = byStatus; self.activeCases = activeCases; self.myResolvedCases = myResolvedCases; self.myDraftEmails = myDraftEmails; self.myOpenActivities = myOpenActivities
    }
}
