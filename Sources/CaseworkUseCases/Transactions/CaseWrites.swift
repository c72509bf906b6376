import CaseworkDomain

/// Writes of cases and their claim links.
public protocol CaseWrites {
    /// Runs `body` so that when it throws, its writes are undone and the transaction can go on (a
    /// savepoint): for a write whose refusal the use case answers by reading more (rule 1's holder).
    func attempt<T>(_ body: () throws -> T) throws -> T
    /// The case `id` of the organization (its tags and CARCs included) to be changed in this
    /// transaction, or nil. Its row stays locked until the transaction ends, so that concurrent
    /// writers on other servers change it one after the other (each sees the other's revision).
    func caseForChange(organizationID: String, id: String) throws -> Case?
    /// The status of case `id` of the organization, or nil; its row locked as by `caseForChange` (one
    /// read, for a writer that needs no more of the case: logging an activity).
    func caseStatusForChange(organizationID: String, id: String) throws -> CaseStatus?
    /// The organization's next case number, taken (the next call gets the one after).
    func takeCaseNumber(organizationID: String) throws -> Int
    /// Inserts a new case with its tags and CARCs; `openedByRuleID` marks one a work rule opened.
    func insertCase(_ theCase: Case, organizationID: String, openedByRuleID: String?) throws
    /// Saves `theCase`'s fields, bumps its revision and stamps `at` and `by`; rewrites its tags and CARCs
    /// when `labelsChanged`. The payment-received flag is kept only while the case is active and awaiting payment.
    func updateCase(_ theCase: Case, organizationID: String, labelsChanged: Bool, at: Instant, by userID: String) throws
    /// Sets the case's payment-received flag and bumps its revision.
    func flagPaymentReceived(caseID: String) throws
    /// Links the claim to the case (active while the case is). A refusal leaves the transaction usable,
    /// so the caller can read who holds the claim.
    /// - Throws: a `DriverFailure` of kind `.uniqueViolation` when another active case holds the claim (rule 1).
    func insertClaimLink(organizationID: String, caseID: String, claimID: String, submissionID: String?, at: Instant, by userID: String) throws
    /// Removes the claim's link to the case.
    func deleteClaimLink(caseID: String, claimID: String) throws
}

/// Writes of the audit log (DESIGN §3 rule 5): in the transaction of the change they record.
public protocol AuditWrites {
    /// Appends one event.
    func insertAuditEntry(_ event: AuditEntry) throws
}
