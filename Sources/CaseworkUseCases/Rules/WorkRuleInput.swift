import CaseworkDomain

/// What a rule is created or changed with; nil members of a change leave the field alone.
public struct WorkRuleInput: Sendable {
    public var name: String
    public var position: Int?
    public var payerID: String?
    public var category: String?
    public var carc: CARC?
    public var minimumDeniedAmount: Cents?
    public var action: WorkRule.Action
    public var owner: Owner?
    public var priority: Priority
    public var followUpDays: Int?

    public init(name: String, position: Int?, payerID: String?, category: String?, carc: CARC?, minimumDeniedAmount: Cents?,
                action: WorkRule.Action, owner: Owner?, priority: Priority, followUpDays: Int?) {
        self.name = name; self.position = position; self.payerID = payerID; self.category = category; self.carc = carc
        self.minimumDeniedAmount = minimumDeniedAmount; self.action = action; self.owner = owner; self.priority = priority
        self.followUpDays = followUpDays
    }

    public init(_ rule: WorkRule) {
        self.init(name: rule.name, position: rule.position, payerID: rule.payerID, category: rule.category, carc: rule.carc,
                  minimumDeniedAmount: rule.minimumDeniedAmount, action: rule.action, owner: rule.owner, priority: rule.priority,
                  followUpDays: rule.followUpDays)
    }
}
