/// A request that breaks a rule of cases (DESIGN §3). Each carries what a client needs to act.
public enum CaseRuleViolation: Error, Sendable, Equatable {
    /// A case needs at least one claim.
    case noClaims
    /// The same claim was given twice.
    case duplicateClaim(claimID: String)
    /// A claim's payer differs from the case's payer; storage adds both payers' names.
    case payerMismatch(claimID: String, casePayerID: String, claimPayerID: String, casePayerName: String? = nil,
                       claimPayerName: String? = nil)
    /// Some resolved codes are not among the disputed ones.
    case resolvedCodesNotDisputed([CARC])
    /// The action needs an active case.
    case caseNotActive(status: CaseStatus)
    /// Reactivation needs a closed case.
    case caseAlreadyActive
    /// Rule 1: the claim is already held by another active case.
    case claimHeldByActiveCase(claimID: String, claimNumber: String, caseID: String, caseNumber: String)
    /// The claim is not linked to the case.
    case claimNotOnCase(claimID: String)
    /// Removing it would leave the case without claims.
    case lastClaimOnCase(claimID: String)
    /// The submission (given at `pointer`) belongs to another claim.
    case submissionNotOfClaim(submissionID: String, claimID: String, pointer: String)
    /// Resolving or canceling would leave open tasks or scheduled appointments: the request must
    /// consent to cancel them (rule 3).
    case openWorkNeedsConsent([Activity])
    /// The subject is not in the organization's list.
    case unknownSubject(String)
}
