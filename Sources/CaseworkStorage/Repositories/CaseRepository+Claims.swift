import CaseworkDomain
import CaseworkUseCases

extension CaseRepository {
    /// Cases of a claim, newest first. With `.submission`, those linked to `submissionID` or to all submissions.
    /// - Throws: `StorageError.notFound` for an unknown claim or a submission of another claim.
    public func casesForClaim(organizationID: String, claimID: String, scope: ClaimCaseScope, submissionID: String?) throws -> [CaseRecord] {
        try database.read { db in
            try ClaimRepository.requireClaim(db, organizationID: organizationID, claimID: claimID)
            var sql = "SELECT l.case_id FROM case_claims l JOIN cases c ON c.id = l.case_id WHERE l.claim_id = ?"
            var bindings: [SQLValue] = [.text(claimID)]
            if scope == .submission, let submissionID {
                guard try db.queryOne("SELECT 1 AS found FROM submissions WHERE id = ? AND claim_id = ?",
                                      [.text(submissionID), .text(claimID)]) != nil else {
                    throw StorageError.notFound(entity: "submission", id: submissionID)
                }
                sql += " AND (l.submission_id = ? OR l.submission_id IS NULL)"
                bindings.append(.text(submissionID))
            } else if scope == .submission {
                sql += " AND l.submission_id IS NOT NULL"
            }
            return try db.query(sql + " ORDER BY c.created_at DESC, c.id DESC", bindings)
                .compactMap { try Self.record(db, organizationID: organizationID, id: $0.string("case_id")) }
        }
    }
}
