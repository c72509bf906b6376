/// One of an organization's ordered work rules: when a posted denial matches, open a case, add the
/// claim to the payer's case that this rule opened (bulk grouping), or leave it for a person.
/// The first matching rule (lowest position) decides.
public struct WorkRule: Sendable, Hashable {
    /// What a matching rule does with a denied claim.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// A case of its own for the claim.
        case openCase = "open_case"
        /// The claim joins the payer's active case with the same subject that this rule opened (opened when none).
        case addToPayerCase = "add_to_payer_case"
        /// No case: a person decides.
        case leave
    }

    public var id: String
    /// Order among the organization's rules; lower first.
    public var position: Int
    public var name: String
    /// Conditions; nil matches anything.
    public var payerID: String?
    public var category: String?
    public var carc: CARC?
    /// The denial's amount must be at least this.
    public var minimumDeniedAmount: Cents?
    public var action: Action
    /// For the cases a rule opens.
    public var owner: Owner?
    public var priority: Priority
    /// Follow-up date = payment date (or today) + this many days; nil leaves it unset.
    public var followUpDays: Int?

    public init(id: String, position: Int, name: String, payerID: String?, category: String?, carc: CARC?,
                minimumDeniedAmount: Cents?, action: Action, owner: Owner?, priority: Priority, followUpDays: Int?) {
        self.id = id; self.position = position; self.name = name; self.payerID = payerID; self.category = category
        self.carc = carc; self.minimumDeniedAmount = minimumDeniedAmount; self.action = action; self.owner = owner
        self.priority = priority; self.followUpDays = followUpDays
    }

    /// Whether a denial of `finding` on a claim of `payerID` meets every condition.
    public func matches(payerID: String, finding: DenialFinding) -> Bool {
        if let wanted = self.payerID, wanted != payerID { return false }
        if let category, category != finding.category { return false }
        if let carc, !finding.reasons.contains(carc) { return false }
        if let minimumDeniedAmount, finding.amount < minimumDeniedAmount { return false }
        return true
    }

    /// The first rule of `rules` (any order) by position that matches, or nil.
    public static func first(of rules: [WorkRule], payerID: String, finding: DenialFinding) -> WorkRule? {
        rules.sorted { ($0.position, $0.id) < ($1.position, $1.id) }.first { $0.matches(payerID: payerID, finding: finding) }
    }
}
