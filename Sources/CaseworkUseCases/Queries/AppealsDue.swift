import CaseworkDomain

/// Active cases by how soon their earliest appeal deadline falls (DESIGN §9 deadlines), counted
/// against `today`: already past, within 7 days (today included), within 30 days (includes the 7).
public struct AppealsDue: Sendable, Hashable {
    public var pastDue: Int
    public var dueWithin7Days: Int
    public var dueWithin30Days: Int

    /// A value with every field given (as documented on the type).
    public init(pastDue: Int, dueWithin7Days: Int, dueWithin30Days: Int) {
        self.pastDue = pastDue; self.dueWithin7Days = dueWithin7Days; self.dueWithin30Days = dueWithin30Days
    }
}
