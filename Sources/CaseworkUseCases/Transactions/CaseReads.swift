import CaseworkDomain

/// The other active case holding a claim (rule 1), with the numbers a client reads.
public struct ClaimHold: Sendable, Equatable {
    public var caseID: String
    public var caseNumber: CaseNumber
    public var claimNumber: String

    public init(caseID: String, caseNumber: CaseNumber, claimNumber: String) {
        self.caseID = caseID; self.caseNumber = caseNumber; self.claimNumber = claimNumber
    }
}

/// Reads of cases and of the claims linked to them. Every lookup by id is scoped to the organization
/// where the id comes from a client; ids taken from rows already scoped are not checked again.
public protocol CaseReads {
    /// The case `id` as a client sees it (names, claims, totals, open tasks), or nil.
    func caseRecord(organizationID: String, id: String) throws -> CaseRecord?
    /// Ids of the claims linked to the case, active or not, ascending.
    func linkedClaimIDs(caseID: String) throws -> [String]
    /// The patient of each claim linked to the case (nil where a claim has none).
    func patientsOfLinkedClaims(caseID: String) throws -> [String?]
    /// The active case other than `caseID` holding the claim, or nil.
    func holdingCase(claimID: String, except caseID: String) throws -> ClaimHold?
    /// The claim `id` of the organization, or nil.
    func claim(organizationID: String, id: String) throws -> Claim?
    /// The claim number of a claim known to exist (X12 835 CLP01), or nil.
    func claimNumber(claimID: String) throws -> String?
    /// The claim a submission of the organization belongs to, or nil when the organization has no such submission.
    func claimOfSubmission(organizationID: String, submissionID: String) throws -> String?
    /// What the payer denied on the claim, in cents (0 when nothing).
    func deniedCents(claimID: String) throws -> Int
}
