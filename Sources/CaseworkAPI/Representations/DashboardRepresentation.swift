import CaseworkDomain
import CaseworkUseCases

/// JSON shapes of the dashboards. Drilled-down rows carry `owner` or `carc_code`.
enum DashboardRepresentation {
    /// A figure row, with its drill-down member (`owner`, or `carc_code` and its `carc_description`
    /// from `meanings`) first when it has one.
    static func grouped(_ group: InsightsGroup?, _ meanings: CodeMeanings, _ members: [(String, JSONValue)]) -> JSONValue {
        switch group {
        case nil: return .object(members)
        case .owner(let owner, let name)?:
            return .object([("owner", owner.map { .object([("type", .string($0.kind)), ("id", .string($0.id)), ("name", .optional(name))]) } ?? .null)] + members)
        case .carcCode(let code)?:
            let description = code.flatMap(CARC.init).map(meanings.description(of:)) ?? .null
            return .object([("carc_code", .optional(code)), ("carc_description", description)] + members)
        }
    }

    /// Case Insights' outstanding by payer and aging bucket.
    static func aging(_ rows: [AgingOutstanding], meanings: CodeMeanings) -> JSONValue {
        .array(rows.map {
            grouped($0.group, meanings, [("payer", .object([("id", .string($0.payerID)), ("name", .string($0.payerName))])),
                               ("aging_bucket", .optional($0.bucket?.rawValue)), ("outstanding_cents", .int($0.outstanding.amount))])
        })
    }

    /// The CARCs that drilled-down rows name, for `meanings`.
    static func drilledCarcs(_ groups: [InsightsGroup?]) -> [String] {
        groups.compactMap { if case .carcCode(let code?)? = $0 { CARC(code)?.code } else { nil } }
    }

    static func caseInsights(_ i: CaseInsights, query: CaseInsightsQuery, meanings: CodeMeanings) -> JSONValue {
        return .object([
            ("drill_down", .optional(query.drillDown?.rawValue)),
            ("filters", .object([
                ("payer_id", .optional(query.payerID)), ("subject", .optional(query.subject)),
                ("owner", .optional(query.owner?.reference)), ("carc_code", .optional(query.carcCode?.description)),
                ("created_after", .optional(query.createdAfter?.description)), ("created_before", .optional(query.createdBefore?.description)),
            ])),
            ("open_by_subject", .array(i.openBySubject.map { grouped($0.group, meanings, [("subject", .string($0.key)), ("count", .int($0.count))]) })),
            ("by_status", .array(i.byStatus.map { grouped($0.group, meanings, [("status", .string($0.key)), ("count", .int($0.count))]) })),
            ("open_by_payer", .array(i.openByPayer.map {
                grouped($0.group, meanings, [("payer", .object([("id", .string($0.key)), ("name", .optional($0.name))])), ("count", .int($0.count))])
            })),
            ("outstanding_by_payer_subject", .array(i.outstandingByPayerSubject.map {
                grouped($0.group, meanings, [("payer", .object([("id", .string($0.payerID)), ("name", .string($0.payerName))])),
                                   ("subject", .string($0.subject)), ("outstanding_cents", .int($0.outstanding.amount))])
            })),
            ("status_counts", .array(i.statusCounts.map {
                grouped($0.group, meanings, [("canceled", .int($0.canceled)), ("resolved", .int($0.resolved)), ("in_progress", .int($0.inProgress))])
            })),
        ])
    }

    static func tierOne(_ t: TierOne, period: Period, today: Day, meanings: CodeMeanings) -> JSONValue {
        func counts(_ rows: [TierOne.Count], key: String) -> JSONValue {
            .array(rows.map { row in
                key == "payer"
                    ? .object([("payer", .object([("id", .string(row.key)), ("name", .optional(row.name))])), ("count", .int(row.count))])
                    : .object([(key, .string(row.key)), ("count", .int(row.count))])
            })
        }
        return .object([
            ("period", .object([("from", .optional(period.from?.description)), ("to", .optional(period.to?.description))])),
            ("by_priority", counts(t.byPriority, key: "priority")),
            ("by_payer", counts(t.byPayer, key: "payer")),
            ("by_status", counts(t.byStatus, key: "status")),
            ("active_cases", .object([("total", .int(t.activeCases.total)),
                                      ("items", .array(t.activeCases.items.map { CaseRowRepresentation.row($0, today: today, meanings: meanings) }))])),
            ("my_resolved_cases", .object([("total", .int(t.myResolvedCases.total)),
                                           ("items", .array(t.myResolvedCases.items.map { CaseRowRepresentation.row($0, today: today, meanings: meanings) }))])),
            ("my_draft_emails", .object([("total", .int(t.myDraftEmails.total)),
                                         ("items", .array(t.myDraftEmails.items.map(ActivityRepresentation.activity)))])),
            ("my_open_activities", .object([("total", .int(t.myOpenActivities.total)),
                                            ("items", .array(t.myOpenActivities.items.map(ActivityRepresentation.activity)))])),
        ])
    }

    /// Active cases by appeal deadline: `{"past_due", "due_within_7_days", "due_within_30_days"}`.
    static func appeals(_ a: AppealsDue) -> JSONValue {
        .object([("past_due", .int(a.pastDue)), ("due_within_7_days", .int(a.dueWithin7Days)),
                 ("due_within_30_days", .int(a.dueWithin30Days))])
    }
}
