/// The authenticated user a request acts for, with the teams they belong to.
public struct Caller: Sendable, Hashable {
    public var user: User
    public var teamIDs: [String]
    /// The organization's IANA time zone name (`America/Chicago`); its calendar day is "today"
    /// for overdue follow-ups and tasks, ages and due dates.
    public var timeZone: String

    public init(user: User, teamIDs: [String], timeZone: String = "UTC") {
        self.user = user; self.teamIDs = teamIDs; self.timeZone = timeZone
    }

    public var organizationID: String { user.organizationID }
    public var userID: String { user.id }

    /// The teams whose cases are the caller's own work (`my_open`, Tier 1's "mine"): a viewer
    /// belongs to teams but works none of their cases, so none for a viewer.
    public var workingTeamIDs: [String] { user.role.includes(.biller) ? teamIDs : [] }
}
