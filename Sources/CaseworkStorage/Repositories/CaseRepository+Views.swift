import CaseworkDomain
import CaseworkUseCases

extension CaseRepository {
    /// How many cases each saved view holds for `caller`, summed from the rollup `case_rollup`
    /// (migration 0014: cases by status, stage, subject, payer and owner), so the cost follows the
    /// number of groups, not of cases.
    public func viewCounts(caller: Caller) throws -> [CaseView: Int] {
        let teams = caller.workingTeamIDs
        let teamClause = teams.isEmpty ? "" : " OR (owner_type = 'team' AND owner_id IN (\(teams.map { _ in "?" }.joined(separator: ", "))))"
        let sql = """
            SELECT COALESCE(SUM(cases), 0) AS all_cases,
                   COALESCE(SUM(CASE WHEN status = 'active' THEN cases ELSE 0 END), 0) AS open_cases,
                   COALESCE(SUM(CASE WHEN status = 'active' AND ((owner_type = 'user' AND owner_id = ?)\(teamClause)) THEN cases ELSE 0 END), 0) AS my_open,
                   COALESCE(SUM(CASE WHEN status = 'active' AND stage = 'in_progress' THEN cases ELSE 0 END), 0) AS in_progress,
                   COALESCE(SUM(CASE WHEN status = 'active' AND stage = 'awaiting_payment' THEN cases ELSE 0 END), 0) AS awaiting_payment,
                   COALESCE(SUM(CASE WHEN status = 'resolved' THEN cases ELSE 0 END), 0) AS resolved
            FROM case_rollup WHERE organization_id = ?
            """
        let bindings: [SQLValue] = [.text(caller.userID)] + teams.map { .text($0) } + [.text(caller.organizationID)]
        return try database.read { db in
            guard let row = try db.queryOne(sql, bindings) else { return [:] }
            return [.all: row.int("all_cases"), .open: row.int("open_cases"), .myOpen: row.int("my_open"),
                    .inProgress: row.int("in_progress"), .awaitingPayment: row.int("awaiting_payment"), .resolved: row.int("resolved")]
        }
    }

    /// Every row a query selects, in order, handed to `body` in batches of `batchSize` (keyset pages,
    /// each read in its own snapshot) so an export never holds the whole view. `body` returns false to stop.
    public func forEachRow(caller: Caller, query: CaseQuery, batchSize: Int = 500, _ body: ([CaseRow]) throws -> Bool) throws {
        var cursor: String?
        repeat {
            let page = try list(caller: caller, query: query, page: PageRequest(limit: batchSize, cursor: cursor))
            guard try body(page.items) else { return }
            cursor = page.nextCursor
        } while cursor != nil
    }
}
