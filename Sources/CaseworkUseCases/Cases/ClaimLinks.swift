import CaseworkDomain

/// A case's claims: linking (rule 1 and rule 2), unlinking, and what the links decide (the patient).
enum ClaimLinks {
    /// Adds claims to an active case; see `CaseWork.addClaims`.
    static func add(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, caseID: String,
                    claims: [(claimID: String, submissionID: String?)], expectedRevision: Int?) throws -> CaseRecord {
        let org = caller.organizationID
        let before = try CaseSaving.loadForChange(tx, organizationID: org, id: caseID, expectedRevision: expectedRevision)
        var theCase = before
        try CaseRules.requireActive(theCase.status)
        let existing = try tx.linkedClaimIDs(caseID: caseID)
        var facts: [(claimID: String, payerID: String)] = []
        for (index, link) in claims.enumerated() {
            let claim = try linkableClaim(tx, organizationID: org, link: link, pointer: "/claims/\(index)")
            if existing.contains(claim.id) { throw CaseRuleViolation.duplicateClaim(claimID: claim.id) }
            facts.append((claim.id, claim.payerID))
        }
        let payer = try CaseOpening.sharedPayer(tx, of: [(caseID, theCase.payerID)] + facts)
        precondition(payer == theCase.payerID)
        let now = ambient.now()
        for link in claims {
            try Self.link(tx, ambient, caller: caller, caseID: caseID, claimID: link.claimID, submissionID: link.submissionID, at: now)
        }
        try tx.insertAuditEntry(.onCase(caseID, by: caller, action: "claims_added", changes: [CaseAudit.linked(claims)], at: now))
        theCase.patientID = try derivedPatient(tx, caseID: caseID)
        try CaseSaving.touch(tx, ambient, caller: caller, before: before, after: theCase, at: now)
        return try CaseSaving.requireRecord(tx, organizationID: org, id: caseID)
    }

    /// Removes a claim from an active case; see `CaseWork.removeClaim`.
    static func remove(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, caseID: String, claimID: String,
                       expectedRevision: Int?) throws -> CaseRecord {
        let org = caller.organizationID
        let before = try CaseSaving.loadForChange(tx, organizationID: org, id: caseID, expectedRevision: expectedRevision)
        var theCase = before
        try CaseRules.requireActive(theCase.status)
        let linked = try tx.linkedClaimIDs(caseID: caseID)
        guard linked.contains(claimID) else { throw CaseRuleViolation.claimNotOnCase(claimID: claimID) }
        guard linked.count > 1 else { throw CaseRuleViolation.lastClaimOnCase(claimID: claimID) }
        let number = try tx.claimNumber(claimID: claimID) ?? claimID
        try tx.deleteClaimLink(caseID: caseID, claimID: claimID)
        let now = ambient.now()
        try SystemEvents.record(tx, ambient, caller: caller, caseID: caseID, event: .claimRemoved,
                                facts: ["claim_id": .text(claimID), "claim_number": .text(number)], at: now)
        try tx.insertAuditEntry(.onCase(caseID, by: caller, action: "claim_removed",
                                        changes: [AuditChange(field: "claim_id", before: claimID, after: AuditValue.null)], at: now))
        theCase.patientID = try derivedPatient(tx, caseID: caseID)
        try CaseSaving.touch(tx, ambient, caller: caller, before: before, after: theCase, at: now)
        return try CaseSaving.requireRecord(tx, organizationID: org, id: caseID)
    }

    /// The claim behind a requested link, checked to exist in the organization with its submission.
    /// - Throws: `StorageError.invalidReference` at `pointer`'s claim or submission; `CaseRuleViolation.submissionNotOfClaim`.
    static func linkableClaim(_ tx: any ReadTransaction, organizationID: String, link: (claimID: String, submissionID: String?),
                              pointer: String) throws -> Claim {
        guard let claim = try tx.claim(organizationID: organizationID, id: link.claimID) else {
            throw StorageError.invalidReference(field: pointer + "/claim_id", id: link.claimID)
        }
        if let submission = link.submissionID {
            guard let owner = try tx.claimOfSubmission(organizationID: organizationID, submissionID: submission) else {
                throw StorageError.invalidReference(field: pointer + "/submission_id", id: submission)
            }
            if owner != link.claimID {
                throw CaseRuleViolation.submissionNotOfClaim(submissionID: submission, claimID: link.claimID,
                                                             pointer: pointer + "/submission_id")
            }
        }
        return claim
    }

    /// Links a claim to an active case and notes it on the timeline (the audit event is the caller's:
    /// one per request, naming every claim it linked). Rule 1 is checked first for a clear error and
    /// enforced by the database's unique index whatever the interleaving.
    /// - Throws: `CaseRuleViolation.claimHeldByActiveCase`, `.duplicateClaim`.
    static func link(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, caseID: String, claimID: String,
                            submissionID: String?, at: Instant) throws {
        if let holder = try holdingCase(tx, claimID: claimID, except: caseID) { throw holder }
        do {
            try tx.insertClaimLink(organizationID: caller.organizationID, caseID: caseID, claimID: claimID, submissionID: submissionID, at: at, by: caller.userID)
        } catch where StorageError.isUniqueViolation(error) {
            throw try holdingCase(tx, claimID: claimID, except: caseID) ?? CaseRuleViolation.duplicateClaim(claimID: claimID)
        }
        let number = try tx.claimNumber(claimID: claimID) ?? claimID
        var facts: [String: SystemFact] = ["claim_id": .text(claimID), "claim_number": .text(number)]
        if let submissionID { facts["submission_id"] = .text(submissionID) }
        try SystemEvents.record(tx, ambient, caller: caller, caseID: caseID, event: .claimAdded, facts: facts, at: at)
    }

    /// The rule-1 violation when another active case holds the claim, else nil.
    static func holdingCase(_ tx: any ReadTransaction, claimID: String, except caseID: String) throws -> CaseRuleViolation? {
        guard let hold = try tx.holdingCase(claimID: claimID, except: caseID) else { return nil }
        return .claimHeldByActiveCase(claimID: claimID, claimNumber: hold.claimNumber, caseID: hold.caseID,
                                      caseNumber: hold.caseNumber.description)
    }

    /// The case's patient from its current claims (set only when all share one).
    static func derivedPatient(_ tx: any ReadTransaction, caseID: String) throws -> String? {
        CaseRules.sharedPatient(of: try tx.patientsOfLinkedClaims(caseID: caseID))
    }
}
