/// Scope of `casesForClaim`: every case of the claim, or those about one submission.
public enum ClaimCaseScope: String, Sendable, CaseIterable {
    /// Cases linked to the claim in any way (whole claim or one of its submissions).
    case all
    /// Cases linked to one submission of the claim (plus those on all submissions, which include it).
    case submission
}
