import CaseworkDomain
import HTTPServer
import CaseworkUseCases

/// `/v1/dashboards/case-insights` and `/v1/dashboards/tier1`: aggregates widgets poll, with ETags.
enum DashboardRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("GET", "/v1/dashboards/case-insights") { ctx in
            var q = QueryReader(ctx.request.query)
            var owner: Owner?
            if let text = q.string("owner") {
                owner = Owner(reference: text)
                if owner == nil { q.fail("owner", "Use user:<id> or team:<id>.") }
            }
            let query = CaseInsightsQuery(payerID: q.string("payer_id"), subject: q.string("subject"), owner: owner,
                                          carcCode: q.carc("carc_code"), createdAfter: q.day("created_after"),
                                          createdBefore: q.day("created_before"),
                                          drillDown: q.choice("drill_down", CaseInsightsQuery.DrillDown.self))
            if let after = query.createdAfter, let before = query.createdBefore, before < after {
                q.fail("created_before", "Must not be before created_after.")
            }
            try q.check()
            let today = ctx.today
            return try EntityTag.conditionalJSON(ctx, today: today) {
                let insights = try ctx.store.dashboards.caseInsights(organizationID: ctx.organizationID, query: query)
                let appeals = try ctx.store.dashboards.appealsDue(organizationID: ctx.organizationID, today: today, query: query)
                let aging = try ctx.store.dashboards.outstandingByAging(organizationID: ctx.organizationID, query: query, today: today)
                let groups = insights.openBySubject.map(\.group) + insights.byStatus.map(\.group) + insights.openByPayer.map(\.group)
                    + insights.outstandingByPayerSubject.map(\.group) + insights.statusCounts.map(\.group) + aging.map(\.group)
                let meanings = try CodeMeanings.load(ctx.store, carcs: DashboardRepresentation.drilledCarcs(groups))
                return DashboardRepresentation.caseInsights(insights, query: query, meanings: meanings)
                    .adding("outstanding_by_aging_bucket", DashboardRepresentation.aging(aging, meanings: meanings))
                    .adding("appeals_due", DashboardRepresentation.appeals(appeals))
            }
        }
        table.add("GET", "/v1/dashboards/tier1") { ctx in
            var q = QueryReader(ctx.request.query)
            let today = ctx.today
            let name = q.choice("period", Period.Name.self)
            let from = q.day("from"), to = q.day("to")
            if name != nil && (from != nil || to != nil) { q.fail("period", "Give either period or from/to, not both.") }
            if let from, let to, to < from { q.fail("to", "Must not be before from.") }
            let listLimit = q.int("list_limit", range: 1...100) ?? 10
            try q.check()
            let period = (from != nil || to != nil) ? Period(from: from, to: to) : Period(name ?? .thisQuarter, today: today)
            return try EntityTag.conditionalJSON(ctx, today: today) {
                let tier = try ctx.store.dashboards.tierOne(caller: ctx.caller, period: period, listLimit: listLimit)
                let appeals = try ctx.store.dashboards.appealsDue(organizationID: ctx.organizationID, today: today)
                let rows = tier.activeCases.items + tier.myResolvedCases.items
                let meanings = try CodeMeanings.load(ctx.store, carcs: rows.flatMap { $0.case.carcCodes.map(\.code) })
                return DashboardRepresentation.tierOne(tier, period: period, today: today, meanings: meanings).adding("appeals_due", DashboardRepresentation.appeals(appeals))
            }
        }
    }
}
