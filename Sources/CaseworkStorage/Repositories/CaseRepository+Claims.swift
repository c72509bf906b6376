import CaseworkDomain

/// Scope of `casesForClaim`: every case of the claim, or those about one submission.
public enum ClaimCaseScope: String, Sendable, CaseIterable {
    /// Cases linked to the claim in any way (whole claim or one of its submissions).
    case all
    /// Cases linked to one submission of the claim (plus those on all submissions, which include it).
    case submission
}

extension CaseRepository {
    /// Adds claims to an active case (rule 1 and rule 2 checked).
    /// - Throws: as `create`, plus `CaseRuleViolation.caseNotActive`, `StorageError.revisionMismatch`.
    public func addClaims(caller: Caller, caseID: String, claims: [(claimID: String, submissionID: String?)],
                          expectedRevision: Int?) throws -> CaseRecord {
        let org = caller.organizationID
        return try database.write { db in
            let before = try Self.loadForChange(db, organizationID: org, id: caseID, expectedRevision: expectedRevision)
            var theCase = before
            try CaseRules.requireActive(theCase.status)
            let existing = try db.query("SELECT claim_id FROM case_claims WHERE case_id = ?", [.text(caseID)]).map { $0.string("claim_id") }
            var facts: [(claimID: String, payerID: String)] = []
            for (index, link) in claims.enumerated() {
                let claim = try Self.linkableClaim(db, organizationID: org, link: link, pointer: "/claims/\(index)")
                if existing.contains(claim.id) { throw CaseRuleViolation.duplicateClaim(claimID: claim.id) }
                facts.append((claim.id, claim.payerID))
            }
            let payer = try Self.sharedPayer(db, of: [(caseID, theCase.payerID)] + facts)
            precondition(payer == theCase.payerID)
            let now = Instant.now()
            for link in claims {
                try Self.link(db, caller: caller, caseID: caseID, claimID: link.claimID, submissionID: link.submissionID, at: now)
            }
            try AuditLog.record(db, organizationID: org, actorID: caller.userID, entityType: "case", entityID: caseID, action: "claims_added",
                                changes: [.init(field: "claims", before: AuditLog.value(nil),
                                                after: claims.map { ["claim_id": $0.claimID, "submission_id": AuditLog.value($0.submissionID)] })],
                                at: now.description)
            theCase.patientID = try Self.derivedPatient(db, caseID: caseID)
            try Self.touch(db, caller: caller, before: before, after: theCase, at: now)
            return try Self.requireRecord(db, organizationID: org, id: caseID)
        }
    }

    /// Removes a claim from an active case; a case keeps at least one claim.
    /// - Throws: `CaseRuleViolation.claimNotOnCase`, `.lastClaimOnCase`, `.caseNotActive`; `StorageError`.
    public func removeClaim(caller: Caller, caseID: String, claimID: String, expectedRevision: Int?) throws -> CaseRecord {
        let org = caller.organizationID
        return try database.write { db in
            let before = try Self.loadForChange(db, organizationID: org, id: caseID, expectedRevision: expectedRevision)
            var theCase = before
            try CaseRules.requireActive(theCase.status)
            let linked = try db.query("SELECT claim_id FROM case_claims WHERE case_id = ?", [.text(caseID)]).map { $0.string("claim_id") }
            guard linked.contains(claimID) else { throw CaseRuleViolation.claimNotOnCase(claimID: claimID) }
            guard linked.count > 1 else { throw CaseRuleViolation.lastClaimOnCase(claimID: claimID) }
            let number = try db.queryOne("SELECT claim_number FROM claims WHERE id = ?", [.text(claimID)])?.string("claim_number") ?? claimID
            try db.execute("DELETE FROM case_claims WHERE case_id = ? AND claim_id = ?", [.text(caseID), .text(claimID)])
            let now = Instant.now()
            try SystemEvents.record(db, caller: caller, caseID: caseID, event: .claimRemoved,
                                    facts: ["claim_id": .text(claimID), "claim_number": .text(number)], at: now)
            try AuditLog.record(db, organizationID: org, actorID: caller.userID, entityType: "case", entityID: caseID,
                                action: "claim_removed", changes: [.init(field: "claim_id", before: claimID, after: AuditLog.value(nil))],
                                at: now.description)
            theCase.patientID = try Self.derivedPatient(db, caseID: caseID)
            try Self.touch(db, caller: caller, before: before, after: theCase, at: now)
            return try Self.requireRecord(db, organizationID: org, id: caseID)
        }
    }

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

    /// The claim behind a requested link, checked to exist in the organization with its submission.
    static func linkableClaim(_ db: SQLiteConnection, organizationID: String, link: (claimID: String, submissionID: String?),
                              pointer: String) throws -> Claim {
        guard let row = try db.queryOne("SELECT * FROM claims WHERE organization_id = ? AND id = ?",
                                        [.text(organizationID), .text(link.claimID)]) else {
            throw StorageError.invalidReference(field: pointer + "/claim_id", id: link.claimID)
        }
        if let submission = link.submissionID {
            guard let owner = try db.queryOne(
                "SELECT s.claim_id FROM submissions s JOIN claims c ON c.id = s.claim_id WHERE s.id = ? AND c.organization_id = ?",
                [.text(submission), .text(organizationID)]) else {
                throw StorageError.invalidReference(field: pointer + "/submission_id", id: submission)
            }
            if owner.string("claim_id") != link.claimID {
                throw CaseRuleViolation.submissionNotOfClaim(submissionID: submission, claimID: link.claimID,
                                                             pointer: pointer + "/submission_id")
            }
        }
        return ClaimRepository.claim(row)
    }

    /// Links a claim to an active case. Rule 1 is checked first for a clear error and enforced by
    /// the partial unique index whatever the interleaving.
    static func link(_ db: SQLiteConnection, caller: Caller, caseID: String, claimID: String, submissionID: String?, at: Instant) throws {
        // The audit event is the caller's: one per request, naming every claim it linked.
        if let holder = try holdingCase(db, claimID: claimID, except: caseID) { throw holder }
        do {
            try db.execute(
                "INSERT INTO case_claims (case_id, claim_id, submission_id, active, linked_at, linked_by) VALUES (?, ?, ?, 1, ?, ?)",
                [.text(caseID), .text(claimID), SQLValue(submissionID), .text(at.description), .text(caller.userID)])
        } catch let error as SQLiteError where error.isUniqueConstraint {
            throw try holdingCase(db, claimID: claimID, except: caseID) ?? CaseRuleViolation.duplicateClaim(claimID: claimID)
        }
        let number = try db.queryOne("SELECT claim_number FROM claims WHERE id = ?", [.text(claimID)])?.string("claim_number") ?? claimID
        var facts: [String: SystemFact] = ["claim_id": .text(claimID), "claim_number": .text(number)]
        if let submissionID { facts["submission_id"] = .text(submissionID) }
        try SystemEvents.record(db, caller: caller, caseID: caseID, event: .claimAdded, facts: facts, at: at)
    }

    /// The rule-1 violation when another active case holds the claim, else nil.
    static func holdingCase(_ db: SQLiteConnection, claimID: String, except caseID: String) throws -> CaseRuleViolation? {
        guard let row = try db.queryOne(
            """
            SELECT c.id, c.number, cl.claim_number FROM case_claims l
            JOIN cases c ON c.id = l.case_id JOIN claims cl ON cl.id = l.claim_id
            WHERE l.claim_id = ? AND l.active = 1 AND l.case_id <> ?
            """, [.text(claimID), .text(caseID)]) else { return nil }
        return .claimHeldByActiveCase(claimID: claimID, claimNumber: row.string("claim_number"), caseID: row.string("id"),
                                      caseNumber: CaseNumber(sequence: row.int("number")).description)
    }

    /// The case's patient from its current claims (rule: set only when all share one).
    static func derivedPatient(_ db: SQLiteConnection, caseID: String) throws -> String? {
        let patients = try db.query("SELECT cl.patient_id FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = ?",
                                    [.text(caseID)]).map { $0.optionalString("patient_id") }
        return CaseRules.sharedPatient(of: patients)
    }
}
