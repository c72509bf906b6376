import CaseworkDomain
import CaseworkUseCases

/// Reads, inside the posting transaction, the `PostingState` a payment's plan is computed from.
enum PostingStateLoader {
    static func load(_ db: any SQLExecutor, organizationID org: String, payerID: String, advice: PaymentAdvice, rules: [WorkRule],
                     categories: DenialCategories, autoResolvePaidCases: Bool, today: Day) throws -> PostingState {
        var claims: [String: ClaimState] = [:]
        var taken = Set<String>()
        for number in Set(advice.claims.map(\.claimNumber)) {
            // The claim number itself, or the `-N` variants posting gives a number another payer's claim holds.
            let rows = try db.query(
                """
                SELECT * FROM claims WHERE organization_id = ? AND (claim_number = ? OR (claim_number >= ? AND claim_number < ?))
                ORDER BY claim_number = ? DESC, length(claim_number), claim_number
                """, [.text(org), .text(number), .text(number + "-"), .text(number + "."), .text(number)])
            var match: SQLRow?
            for row in rows {
                let stored = row.string("claim_number")
                guard stored == number || isSuffixed(stored, of: number) else { continue }
                if row.string("payer_id") == payerID, match == nil { match = row } else { taken.insert(stored) }
            }
            guard let row = match else { continue }
            let claim = ClaimRepository.claim(row)
            let holder = try db.queryOne("SELECT case_id FROM case_claims WHERE claim_id = ? AND active = 1", [.text(claim.id)])?.string("case_id")
            claims[number] = ClaimState(id: claim.id, claimNumber: claim.claimNumber, amounts: claim.amounts,
                                        remittances: try remits(db, claimID: claim.id, billed: claim.amounts.billed), activeCaseID: holder)
        }
        // Only grouping rules look for the case they opened: its oldest active one per subject.
        var ruleCases: [String: [String: String]] = [:]
        let grouping = rules.filter { $0.action == .addToPayerCase }.map(\.id)
        if !grouping.isEmpty {
            let marks = grouping.map { _ in "?" }.joined(separator: ", ")
            for row in try db.query(
                """
                SELECT opened_by_rule_id, subject, id FROM (
                    SELECT opened_by_rule_id, subject, id,
                           ROW_NUMBER() OVER (PARTITION BY opened_by_rule_id, subject ORDER BY created_at, id) AS age_rank
                    FROM cases
                    WHERE organization_id = ? AND payer_id = ? AND status = 'active' AND opened_by_rule_id IN (\(marks))
                ) AS ranked WHERE age_rank = 1
                """, [.text(org), .text(payerID)] + grouping.map { .text($0) }) {
                ruleCases[row.string("opened_by_rule_id"), default: [:]][row.string("subject")] = row.string("id")
            }
        }
        var cases: [String: CaseState] = [:]
        let caseIDs = Set(claims.values.compactMap(\.activeCaseID)).union(ruleCases.values.flatMap(\.values))
        for id in caseIDs { cases[id] = try caseState(db, organizationID: org, caseID: id) }
        return PostingState(payerID: payerID, claims: claims, numbersTaken: taken, cases: cases, ruleCases: ruleCases,
                            rules: rules, categories: categories, autoResolvePaidCases: autoResolvePaidCases, today: today)
    }

    /// Whether `stored` is `number-N` with N a positive whole number.
    static func isSuffixed(_ stored: String, of number: String) -> Bool {
        guard stored.hasPrefix(number + "-") else { return false }
        let tail = stored.dropFirst(number.count + 1)
        return !tail.isEmpty && tail.allSatisfy(\.isASCII) && tail.allSatisfy(\.isNumber)
    }

    /// A claim's remits, oldest first, as posting compares them.
    static func remits(_ db: any SQLExecutor, claimID: String, billed: Cents) throws -> [RemittedClaim] {
        let rows = try db.query("SELECT * FROM remittances WHERE claim_id = ? ORDER BY seq, rowid", [.text(claimID)])
        return try rows.map { row in
            let adjustments = try db.query(
                "SELECT group_code, carc, amount_cents, level FROM remittance_adjustments WHERE remittance_id = ? ORDER BY position",
                [.text(row.string("id"))]).compactMap { a -> RemittanceAdjustment? in
                    guard let group = AdjustmentGroup(rawValue: a.string("group_code")),
                          let carc = CARC(group: group, code: a.string("carc")) else { return nil }
                    return RemittanceAdjustment(carc: carc, amount: Cents(a.int("amount_cents")),
                                                level: RemittanceAdjustment.Level(rawValue: a.string("level")) ?? .claim)
                }
            return RemittedClaim(
                claimNumber: "", statusCode: row.string("status_code"), charge: Cents(row.optionalInt("charge_cents") ?? billed.amount),
                paid: Cents(row.int("paid_cents")), patientResponsibility: Cents(row.int("patient_responsibility_cents")),
                payerClaimNumber: row.optionalString("payer_claim_number"), adjustments: adjustments,
                remarkCodes: row.string("remark_codes").split(separator: " ").map(String.init),
                serviceStart: nil, serviceEnd: nil, patient: nil)
        }
    }

    /// An active case with its claims' balances and newest CARCs.
    static func caseState(_ db: any SQLExecutor, organizationID: String, caseID: String) throws -> CaseState? {
        guard let row = try db.queryOne("SELECT * FROM cases WHERE organization_id = ? AND id = ? AND status = 'active'",
                                        [.text(organizationID), .text(caseID)]) else { return nil }
        let theCase = try CaseRepository.caseValue(db, row)
        var claims: [String: CaseClaimState] = [:]
        for link in try db.query(
            "SELECT cl.id, cl.outstanding_cents, cl.billed_cents FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = ?",
            [.text(caseID)]) {
            let history = try remits(db, claimID: link.string("id"), billed: Cents(link.int("billed_cents")))
            let newest = history.last { !$0.isReversal }
            claims[link.string("id")] = CaseClaimState(outstanding: Cents(link.int("outstanding_cents")),
                                                       newestCarcs: newest.map { Set($0.adjustments.map(\.carc).filter { !$0.isContractual }) })
        }
        return CaseState(id: caseID, stage: theCase.stage, carcCodes: theCase.carcCodes, resolvedCarcCodes: theCase.resolvedCarcCodes,
                         claims: claims, hasOpenWork: !(try SQLTransaction(db).openWork(caseID: caseID)).isEmpty)
    }
}
