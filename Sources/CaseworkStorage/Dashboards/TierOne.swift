import CaseworkDomain
import CaseworkUseCases

extension TierOne {
    /// Whether the first page of the period's active cases, follow-up date first, is cheaper to read by
    /// walking cases_active_by_follow_up in its order, skipping cases created outside the period (about
    /// `limit` × `allActive` ÷ `activeInPeriod` entries), than from the period's range of
    /// cases_by_created, every case of it sorted (`casesInPeriod` entries). Counts come from the rollups.
    static func walksActiveInOrder(limit: Int, allActive: Int, activeInPeriod: Int, casesInPeriod: Int) -> Bool {
        guard activeInPeriod > 0 else { return false }
        return Double(limit) * Double(allActive) / Double(activeInPeriod) < Double(casesInPeriod)
    }
}

extension DashboardRepository {
    /// Tier 1 for `caller` over `period`, with lists cut at `listLimit` items.
    public func tierOne(caller: Caller, period: Period, listLimit: Int) throws -> TierOne {
        let org = SQLValue.text(caller.organizationID)
        var periodSQL = ""
        var periodValues: [SQLValue] = []
        func bound(_ column: String) -> (String, [SQLValue]) {
            var sql = "", values: [SQLValue] = []
            if let from = period.from { sql += " AND \(column) >= ?"; values.append(.text("\(from)T00:00:00Z")) }
            // The last second of `to` (instants are whole seconds): a bound of the next day's midnight
            // would not exist after 9999-12-31.
            if let to = period.to { sql += " AND \(column) <= ?"; values.append(.text("\(to)T23:59:59Z")) }
            return (sql, values)
        }
        (periodSQL, periodValues) = bound("c.created_at")
        // The same period as creation days (created_at is a UTC instant, its first ten characters the day).
        var daySQL = "", dayValues: [SQLValue] = []
        if let from = period.from { daySQL += " AND r.created_day >= ?"; dayValues.append(.text(from.description)) }
        if let to = period.to { daySQL += " AND r.created_day <= ?"; dayValues.append(.text(to.description)) }
        let (resolvedSQL, resolvedValues) = bound("c.resolved_at")
        let teams = caller.workingTeamIDs
        let mine = "((c.owner_type = 'user' AND c.owner_id = ?)"
            + (teams.isEmpty ? "" : " OR (c.owner_type = 'team' AND c.owner_id IN (\(teams.map { _ in "?" }.joined(separator: ", "))))") + ")"
        let mineValues: [SQLValue] = [.text(caller.userID)] + teams.map { .text($0) }
        let limit = SQLValue(listLimit)
        return try database.read { db in
            // Cases created in the period, summed from the rollup by creation day (migration 0020).
            func counts(_ column: String, join: String = "", name: String? = nil, order: String? = nil) throws -> [TierOne.Count] {
                try db.query("""
                    SELECT \(column) AS key, \(name ?? "NULL") AS name, SUM(r.cases) AS n FROM case_created_rollup r \(join)
                    WHERE r.organization_id = ?\(daySQL) GROUP BY \(column)\(name.map { ", " + $0 } ?? "") HAVING SUM(r.cases) > 0 ORDER BY \(order ?? column)
                    """, [org] + dayValues).map { TierOne.Count(key: $0.string("key"), name: $0.optionalString("name"), count: $0.int("n")) }
            }
            func caseList(_ condition: String, _ values: [SQLValue], order: String, total known: Int? = nil) throws -> TierOne.List<CaseRow> {
                let total = try known ?? db.queryOne("SELECT COUNT(*) AS n FROM cases c WHERE c.organization_id = ? AND \(condition)", [org] + values)?.int("n") ?? 0
                let ids = try db.query("SELECT c.id FROM cases c WHERE c.organization_id = ? AND \(condition) ORDER BY \(order) LIMIT ?",
                                       [org] + values + [limit]).map { $0.string("id") }
                return TierOne.List(total: total, items: try CaseRepository.rows(db, ids: ids))
            }
            // All active cases, from case_rollup's groups, for `TierOne.walksActiveInOrder`.
            func activeCasesWalked(activeInPeriod: Int, casesInPeriod: [TierOne.Count]) throws -> Bool {
                let allActive = try db.queryOne(
                    "SELECT COALESCE(SUM(cases), 0) AS n FROM case_rollup WHERE organization_id = ? AND status = 'active'",
                    [org])?.int("n") ?? 0
                return TierOne.walksActiveInOrder(limit: listLimit, allActive: allActive, activeInPeriod: activeInPeriod,
                                                  casesInPeriod: casesInPeriod.reduce(0) { $0 + $1.count })
            }
            let me = SQLValue.text(caller.userID)
            // How many activities the ranges hold: rows of activity_counts (migration 0024), kept on every
            // change, so a total costs a few rows at any size.
            func counted(_ ranges: [PersonalActivities]) throws -> Int {
                try db.queryOne("SELECT COALESCE(SUM(activities), 0) AS n FROM activity_counts WHERE organization_id = ? AND ("
                                + ranges.map(\.counts).joined(separator: " OR ") + ")", [org] + ranges.map { _ in me })?.int("n") ?? 0
            }
            let dueKey = "COALESCE(a.due_on, substr(a.starts_at, 1, 10), '9999-12-31')"
            // Open tasks assigned to the caller, unassigned open tasks they created, appointments they
            // scheduled (an appointment has no assignee): three disjoint ranges, each already in due order
            // (activities_by_assignee, then activities_by_person twice; migration 0021), where one OR over
            // them passed over every activity of the organization. Counted from activity_counts; the first
            // page is the first `limit` of each range, merged.
            func openWork() throws -> TierOne.List<Activity> {
                let ranges = [PersonalActivities(kind: "task", state: "open", assigned: true),
                              PersonalActivities(kind: "task", state: "open", assigned: false),
                              PersonalActivities(kind: "appointment", state: "scheduled", assigned: false)]
                let firsts = ranges.map { "SELECT seq FROM (SELECT a.seq FROM activities a WHERE a.organization_id = ? AND \($0.activities) ORDER BY \(dueKey), a.seq LIMIT ?) AS firsts" }
                let rows = try db.query("SELECT * FROM activities a WHERE a.seq IN (\(firsts.joined(separator: " UNION ALL "))) ORDER BY \(dueKey), a.seq LIMIT ?",
                                        ranges.flatMap { _ in [org, me, limit] } + [limit])
                return TierOne.List(total: try counted(ranges), items: rows.map(ActivityRows.activity))
            }
            // An e-mail has no assignee (only tasks do) and no due date or start, so its due key is the same
            // for all: saying both makes the author's drafts one range of activities_by_person (kind, state,
            // assignee, author, due key, seq) read backwards, newest first, instead of a pass over the
            // organization's drafts (29 ms to count and 30 ms to list at 1,000,000 claims).
            func draftEmails() throws -> TierOne.List<Activity> {
                let drafts = PersonalActivities(kind: "email", state: "draft", assigned: false)
                let rows = try db.query("SELECT * FROM activities a WHERE a.organization_id = ? AND \(drafts.activities) ORDER BY \(dueKey) DESC, a.seq DESC LIMIT ?",
                                        [org, me, limit])
                return TierOne.List(total: try counted([drafts]), items: rows.map(ActivityRows.activity))
            }
            let byStatus = try counts("r.status")
            let activeInPeriod = byStatus.first { $0.key == CaseStatus.active.rawValue }?.count ?? 0
            return TierOne(
                byPriority: try counts("r.priority", order: "CASE r.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END"),
                byPayer: try counts("r.payer_id", join: "JOIN payers p ON p.id = r.payer_id", name: "p.name"),
                byStatus: byStatus,
                // How many: the status count just summed, not a second count of the cases.
                // Walked in order or read from the period's range (see `TierOne.walksActiveInOrder`); `unindexed`
                // keeps SQLite from using created_at's range, which it would otherwise prefer for any period.
                activeCases: try caseList(
                    "c.status = 'active'" + (try activeCasesWalked(activeInPeriod: activeInPeriod, casesInPeriod: byStatus)
                        ? bound(database.dialect.unindexed("c.created_at")).0 : periodSQL), periodValues,
                    order: "COALESCE(c.follow_up_by, '9999-12-31'), c.created_at, c.id", total: activeInPeriod),
                myResolvedCases: try caseList("c.status = 'resolved' AND \(mine)" + resolvedSQL, mineValues + resolvedValues,
                                              order: "c.resolved_at DESC, c.id DESC"),
                myDraftEmails: try draftEmails(),
                myOpenActivities: try openWork())
        }
    }
}

/// The caller's activities of one kind and state: those assigned to them (`assigned`), or those with no
/// assignee that they wrote. Each condition binds the caller's id once.
private struct PersonalActivities {
    let kind: String
    let state: String
    let assigned: Bool

    /// The condition over `activities a`.
    var activities: String {
        "a.kind = '\(kind)' AND a.state = '\(state)' AND " + (assigned ? "a.assignee_id = ?" : "a.assignee_id IS NULL AND a.created_by = ?")
    }

    /// The same activities' groups in `activity_counts` (no assignee is kept as '').
    var counts: String {
        "(kind = '\(kind)' AND state = '\(state)' AND " + (assigned ? "assignee_id = ?" : "assignee_id = '' AND created_by = ?") + ")"
    }
}
