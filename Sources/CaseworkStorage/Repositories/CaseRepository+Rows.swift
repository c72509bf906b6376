import CaseworkDomain
import CaseworkUseCases

extension CaseRepository {
    /// The select list and joins of a case with its names (a work-list row, a case record) over `cases c`;
    /// totals and the deadline are the case's stored columns (migration 0012).
    static let rowSelect = """
        SELECT c.*, p.name AS payer_name, pt.first_name AS patient_first_name, pt.last_name AS patient_last_name,
               COALESCE(u.name, t.name) AS owner_name
        FROM cases c
        JOIN payers p ON p.id = c.payer_id
        LEFT JOIN patients pt ON pt.id = c.patient_id
        LEFT JOIN users u ON c.owner_type = 'user' AND u.id = c.owner_id
        LEFT JOIN teams t ON c.owner_type = 'team' AND t.id = c.owner_id
        """

    /// The rows of the cases `ids`, in that order.
    static func rows(_ db: any SQLExecutor, ids: [String]) throws -> [CaseRow] {
        guard !ids.isEmpty else { return [] }
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        let loaded = try rows(db, try db.query(rowSelect + " WHERE c.id IN (\(marks))", ids.map { .text($0) }))
        let byID = Dictionary(uniqueKeysWithValues: loaded.map { ($0.case.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// Builds rows from `rowSelect` results, loading tags, CARCs, claim numbers and open tasks for all of them in four queries.
    static func rows(_ db: any SQLExecutor, _ results: [SQLRow]) throws -> [CaseRow] {
        guard !results.isEmpty else { return [] }
        let ids = results.map { SQLValue.text($0.string("id")) }
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        var tags: [String: [String]] = [:]
        for row in try db.query("SELECT case_id, tag FROM case_tags WHERE case_id IN (\(marks)) ORDER BY case_id, position", ids) {
            tags[row.string("case_id"), default: []].append(row.string("tag"))
        }
        var codes: [String: [(CARC, Bool)]] = [:]
        for row in try db.query("SELECT case_id, code, resolved FROM case_carc_codes WHERE case_id IN (\(marks)) ORDER BY case_id, position", ids) {
            if let carc = CARC(row.string("code")) { codes[row.string("case_id"), default: []].append((carc, row.bool("resolved"))) }
        }
        var claimNumbers: [String: [String]] = [:]
        for row in try db.query("""
            SELECT l.case_id, cl.claim_number FROM case_claims l JOIN claims cl ON cl.id = l.claim_id
            WHERE l.case_id IN (\(marks)) ORDER BY l.case_id, l.linked_at, cl.claim_number
            """, ids) {
            claimNumbers[row.string("case_id"), default: []].append(row.string("claim_number"))
        }
        var tasks: [String: [String]] = [:]
        for row in try db.query("""
            SELECT case_id, subject FROM activities WHERE case_id IN (\(marks)) AND kind = 'task' AND state = 'open' ORDER BY case_id, seq
            """, ids) {
            tasks[row.string("case_id"), default: []].append(row.string("subject"))
        }
        return results.map { row in
            let id = row.string("id")
            let theCase = caseValue(row, tags: tags[id] ?? [], codes: codes[id] ?? [])
            let patientName = row.optionalString("patient_first_name").map { "\($0) \(row.optionalString("patient_last_name") ?? "")" }
            return CaseRow(case: theCase, payerName: row.string("payer_name"), patientName: patientName,
                           ownerName: row.optionalString("owner_name"), openTasks: tasks[id] ?? [], claimNumbers: claimNumbers[id] ?? [],
                           totalOutstanding: Cents(row.int("total_outstanding_cents")),
                           totalCostShareOutstanding: Cents(row.int("total_cost_share_outstanding_cents")),
                           deadline: row.optionalString("deadline").flatMap(Day.init), paymentReceived: row.int("payment_received") == 1)
        }
    }
}
