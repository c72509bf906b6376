import CaseworkDomain

/// Writes of the organization's work rules.
public protocol RuleWrites {
    /// The position after the organization's last rule (1 when it has none).
    func nextRulePosition(organizationID: String) throws -> Int
    /// Stores a new rule, stamped created and updated `at`.
    func insertWorkRule(_ rule: WorkRule, organizationID: String, at: Instant) throws
    /// Stores a changed rule (every field but its id), stamped updated `at`.
    func updateWorkRule(_ rule: WorkRule, at: Instant) throws
    /// Deletes the rule.
    func deleteWorkRule(id: String) throws
}
