import CaseworkDomain

/// The use cases of working a case: open, change, resolve, cancel, reactivate, add and remove
/// claims. Each runs in one write transaction of `database`, at `ambient`'s time.
public struct CaseWork: Sendable {
    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Opens a case on the given claims.
    /// - Throws: `CaseRuleViolation` (no claims, duplicate claim, payer mismatch, unknown subject,
    ///   resolved codes not disputed, submission of another claim, claim held by an active case);
    ///   `StorageError.invalidReference` for an unknown claim, submission or owner.
    /// A case opened without an owner gets one from the first work rule its payer, subject, CARCs
    /// and denied amount match (and the rule's follow-up when none was given).
    public func create(caller: Caller, newCase: NewCase) throws -> CaseRecord {
        try database.write { tx in
            let theCase = try CaseOpening.open(tx, ambient, caller: caller, newCase: newCase, applyRules: true)
            return try CaseSaving.requireRecord(tx, organizationID: caller.organizationID, id: theCase.id)
        }
    }

    /// Applies `changes` to an active case (fields and stage).
    /// - Parameter expectedRevision: the revision the caller last saw (`If-Match`); nil skips the check.
    /// - Throws: `StorageError.notFound`, `.revisionMismatch`, `.invalidReference` (owner);
    ///   `CaseRuleViolation` (not active, unknown subject, resolved codes not disputed).
    public func update(caller: Caller, id: String, changes: CaseChanges, expectedRevision: Int?) throws -> CaseRecord {
        try database.write { tx in
            try CaseSaving.update(tx, ambient, caller: caller, id: id, changes: changes, expectedRevision: expectedRevision)
        }
    }

    /// Resolves or cancels an active case; its claim links go inactive, freeing the claims (rule 1).
    /// Open tasks and scheduled appointments block it unless `cancelOpenWork` consents to cancel them (rule 3).
    /// - Throws: `StorageError.notFound`, `.revisionMismatch`; `CaseRuleViolation.caseNotActive`,
    ///   `.resolvedCodesNotDisputed`, `.openWorkNeedsConsent` listing the open work.
    public func close(caller: Caller, id: String, closing: CaseClosing, note: String?, cancelOpenWork: Bool = false,
                      expectedRevision: Int?) throws -> CaseRecord {
        try database.write { tx in
            try CaseClosings.close(tx, ambient, caller: caller, id: id, closing: closing, note: note,
                                   cancelOpenWork: cancelOpenWork, expectedRevision: expectedRevision)
        }
    }

    /// Reactivates a resolved or canceled case, only while none of its claims is held by another active case.
    /// - Throws: `CaseRuleViolation.caseAlreadyActive`, `.claimHeldByActiveCase`; `StorageError`.
    public func reactivate(caller: Caller, id: String, expectedRevision: Int?) throws -> CaseRecord {
        try database.write { tx in
            try CaseClosings.reactivate(tx, ambient, caller: caller, id: id, expectedRevision: expectedRevision)
        }
    }

    /// Adds claims to an active case (rule 1 and rule 2 checked).
    /// - Throws: as `create`, plus `CaseRuleViolation.caseNotActive`, `StorageError.revisionMismatch`.
    public func addClaims(caller: Caller, caseID: String, claims: [(claimID: String, submissionID: String?)],
                          expectedRevision: Int?) throws -> CaseRecord {
        try database.write { tx in
            try ClaimLinks.add(tx, ambient, caller: caller, caseID: caseID, claims: claims, expectedRevision: expectedRevision)
        }
    }

    /// Removes a claim from an active case; a case keeps at least one claim.
    /// - Throws: `CaseRuleViolation.claimNotOnCase`, `.lastClaimOnCase`, `.caseNotActive`; `StorageError`.
    public func removeClaim(caller: Caller, caseID: String, claimID: String, expectedRevision: Int?) throws -> CaseRecord {
        try database.write { tx in
            try ClaimLinks.remove(tx, ambient, caller: caller, caseID: caseID, claimID: claimID, expectedRevision: expectedRevision)
        }
    }
}
