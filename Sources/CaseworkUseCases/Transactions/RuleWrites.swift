import CaseworkDomain

/// Writes of the organization's work rules.
public protocol RuleWrites {
    /// The position after the organization's last rule (1 when it has none).
    func nextRulePosition(organizationID: String) throws -> Int
    /// The organization's rule `id`, locked against concurrent writers until the transaction ends; nil
    /// when there is none.
    func workRuleForChange(organizationID: String, id: String) throws -> WorkRule?
    /// Stores a new rule, stamped created and updated `at`.
    func insertWorkRule(_ rule: WorkRule, organizationID: String, at: Instant) throws
    /// Stores a changed rule of the organization (every field but its id), stamped updated `at`.
    func updateWorkRule(_ rule: WorkRule, organizationID: String, at: Instant) throws
    /// Deletes the organization's rule `id`.
    func deleteWorkRule(organizationID: String, id: String) throws
}
