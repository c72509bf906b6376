import CaseworkDomain

/// The dashboards' figures (DESIGN §5): Case Insights, its aging and appeal figures, Tier 1.
public protocol DashboardQueries {
    /// Case Insights for the cases `query` selects.
    func caseInsights(organizationID: String, query: CaseInsightsQuery) throws -> CaseInsights
    /// Outstanding cents of the claims of the cases `query` selects, by aging bucket as of `today`.
    func outstandingByAging(organizationID: String, query: CaseInsightsQuery, today: Day) throws -> [AgingOutstanding]
    /// Active cases whose appeal deadline is past or within 7 or 30 days of `today`; with `query`, of
    /// the cases it selects.
    func appealsDue(organizationID: String, today: Day, query: CaseInsightsQuery?) throws -> AppealsDue
    /// Tier 1 for the caller over `period`, its lists cut to `listLimit` items.
    func tierOne(caller: Caller, period: Period, listLimit: Int) throws -> TierOne
}

extension DashboardQueries {
    /// Appeal deadlines of every active case (see `appealsDue(organizationID:today:query:)`).
    public func appealsDue(organizationID: String, today: Day) throws -> AppealsDue {
        try appealsDue(organizationID: organizationID, today: today, query: nil)
    }
}
