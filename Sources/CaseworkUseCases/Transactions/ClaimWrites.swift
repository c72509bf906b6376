import CaseworkDomain

/// Reads of claims that claim work checks against.
public protocol ClaimReads {
    /// The claim `id` of the organization with its submissions and the active case holding it, or nil.
    func claimRecord(organizationID: String, id: String) throws -> ClaimRecord?
    /// Whether the organization has a claim numbered `claimNumber`.
    func claimNumberTaken(organizationID: String, claimNumber: String) throws -> Bool
    /// The highest submission sequence of the claim, 0 when it has none.
    func lastSubmissionSequence(claimID: String) throws -> Int
    /// Whether the claim has a submission numbered `sequence`.
    func submissionSequenceTaken(claimID: String, sequence: Int) throws -> Bool
}

/// Writes of claims, their submissions and their remittances.
public protocol ClaimWrites {
    /// The claim `id` of the organization, locked against concurrent writers (a posting, another
    /// correction) until the transaction ends; nil when there is none.
    func claimForChange(organizationID: String, id: String) throws -> Claim?
    /// Stores a new claim (amounts and denial reasons as given), stamped created and updated `at`.
    /// - Parameter lastRemittedOn: the latest payment date of the remittances recorded with it.
    func insertClaim(_ claim: Claim, organizationID: String, lastRemittedOn: Day?, at: Instant) throws
    /// Stores a new submission of its claim, stamped `at`.
    func insertSubmission(_ submission: Submission, organizationID: String, at: Instant) throws
    /// Stores a remittance already received for the claim (a claim imported with its history), with its adjustments.
    func insertRemittance(id: String, organizationID: String, claimID: String, remittance: Remittance) throws
    /// Stores the claim's corrected expected amount and write-off, stamped updated `at`.
    func updateClaimAmounts(claimID: String, expected: Cents, writeOff: Cents, at: Instant) throws
}
