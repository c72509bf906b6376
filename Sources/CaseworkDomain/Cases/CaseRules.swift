/// Pure checks of the case rules (DESIGN §3), shared by every path that changes a case.
public enum CaseRules {
    /// Rule 4: every resolved code must be disputed. Throws `resolvedCodesNotDisputed` listing the strays.
    public static func checkResolvedCodes(_ resolved: [CARC], disputed: [CARC]) throws(CaseRuleViolation) {
        let disputedSet = Set(disputed)
        let strays = resolved.filter { !disputedSet.contains($0) }
        if !strays.isEmpty { throw .resolvedCodesNotDisputed(strays) }
    }

    /// Rule 2: the payer of a group of claims, which must all share it.
    /// - Parameter claims: (claim id, payer id) in request order.
    /// - Returns: the shared payer id.
    /// - Throws: `noClaims`, `duplicateClaim`, or `payerMismatch` naming the first stray claim.
    public static func sharedPayer(of claims: [(claimID: String, payerID: String)]) throws(CaseRuleViolation) -> String {
        guard let first = claims.first else { throw .noClaims }
        var seen = Set<String>()
        for claim in claims {
            guard seen.insert(claim.claimID).inserted else { throw .duplicateClaim(claimID: claim.claimID) }
            if claim.payerID != first.payerID {
                throw .payerMismatch(claimID: claim.claimID, casePayerID: first.payerID, claimPayerID: claim.payerID)
            }
        }
        return first.payerID
    }

    /// The case's patient: the one patient all claims share, else nil (also nil if any claim has none).
    public static func sharedPatient(of patientIDs: [String?]) -> String? {
        guard let first = patientIDs.first, let patient = first,
              patientIDs.allSatisfy({ $0 == patient }) else { return nil }
        return patient
    }

    /// Rule 3: stage changes, claim edits, resolve and cancel need an active case.
    public static func requireActive(_ status: CaseStatus) throws(CaseRuleViolation) {
        if status != .active { throw .caseNotActive(status: status) }
    }

    /// Rule 3: only a closed case can be reactivated (rule 1 is then checked by storage).
    public static func requireClosed(_ status: CaseStatus) throws(CaseRuleViolation) {
        if status == .active { throw .caseAlreadyActive }
    }

    /// Tags as stored: trimmed, empty ones dropped, duplicates removed keeping first order.
    public static func normalizedTags(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// CARCs without repeats, in first-seen order.
    public static func distinct(_ codes: [CARC]) -> [CARC] {
        var seen = Set<CARC>()
        return codes.filter { seen.insert($0).inserted }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
