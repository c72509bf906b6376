import CaseworkDomain

/// How a case is closed.
public enum CaseClosing: Sendable {
    /// Resolved; `resolvedCarcCodes` (⊆ disputed) may be set at the same time.
    case resolve(resolvedCarcCodes: [CARC]?)
    case cancel
}

extension CaseRepository {
    /// Resolves or cancels an active case; its claim links go inactive, freeing the claims (rule 1).
    /// Open tasks and scheduled appointments block it unless `cancelOpenWork` consents to cancel them (rule 3).
    /// - Throws: `StorageError.notFound`, `.revisionMismatch`; `CaseRuleViolation.caseNotActive`,
    ///   `.resolvedCodesNotDisputed`, `.openWorkNeedsConsent` listing the open work.
    public func close(caller: Caller, id: String, closing: CaseClosing, note: String?, cancelOpenWork: Bool = false,
                      expectedRevision: Int?) throws -> CaseRecord {
        try database.write { db in try Self.close(db, caller: caller, id: id, closing: closing, note: note, cancelOpenWork: cancelOpenWork, expectedRevision: expectedRevision) }
    }

    static func close(_ db: SQLiteConnection, caller: Caller, id: String, closing: CaseClosing, note: String?, cancelOpenWork: Bool,
                      expectedRevision: Int?) throws -> CaseRecord {
        let org = caller.organizationID
        let before = try Self.loadForChange(db, organizationID: org, id: id, expectedRevision: expectedRevision)
        try CaseRules.requireActive(before.status)
        var after = before
        let now = Instant.now()
        after.resolutionNote = note ?? before.resolutionNote
        switch closing {
        case .resolve(let codes):
            if let codes { after.resolvedCarcCodes = CaseRules.distinct(codes) }
            try CaseRules.checkResolvedCodes(after.resolvedCarcCodes, disputed: after.carcCodes)
            after.status = .resolved
            after.resolvedAt = now
        case .cancel:
            after.status = .canceled
            after.canceledAt = now
        }
        let openWork = try SystemEvents.openWork(db, caseID: id)
        if !openWork.isEmpty {
            guard cancelOpenWork else { throw CaseRuleViolation.openWorkNeedsConsent(openWork) }
            try SystemEvents.cancel(db, caller: caller, caseID: id, work: openWork, at: now)
        }
        // The case's claims are released by the database as its status changes (migration 0009).
        try Self.touch(db, caller: caller, before: before, after: after, at: now,
                       action: after.status == .resolved ? "resolve" : "cancel")
        try SystemEvents.record(db, caller: caller, caseID: id, event: after.status == .resolved ? .resolved : .canceled,
                                facts: note.map { ["note": .text($0)] } ?? [:], at: now)
        return try Self.requireRecord(db, organizationID: org, id: id)
    }

    /// Reactivates a resolved or canceled case, only while none of its claims is held by another active case.
    /// - Throws: `CaseRuleViolation.caseAlreadyActive`, `.claimHeldByActiveCase`; `StorageError`.
    public func reactivate(caller: Caller, id: String, expectedRevision: Int?) throws -> CaseRecord {
        let org = caller.organizationID
        return try database.write { db in
            let before = try Self.loadForChange(db, organizationID: org, id: id, expectedRevision: expectedRevision)
            try CaseRules.requireClosed(before.status)
            let claims = try db.query("SELECT claim_id FROM case_claims WHERE case_id = ? ORDER BY claim_id", [.text(id)])
                .map { $0.string("claim_id") }
            for claim in claims {
                if let holder = try Self.holdingCase(db, claimID: claim, except: id) { throw holder }
            }
            var after = before
            after.status = .active
            after.resolvedAt = nil
            after.canceledAt = nil
            let now = Instant.now()
            // The status change takes the claims back (migration 0009); the partial unique index
            // refuses it if another case took one of them meanwhile (rule 1, under any concurrency).
            do {
                try Self.touch(db, caller: caller, before: before, after: after, at: now, action: "reactivate")
            } catch let error as SQLiteError where error.isUniqueConstraint {
                for claim in claims { if let holder = try Self.holdingCase(db, claimID: claim, except: id) { throw holder } }
                throw CaseRuleViolation.duplicateClaim(claimID: claims.first ?? "")
            }
            try SystemEvents.record(db, caller: caller, caseID: id, event: .reactivated, at: now)
            return try Self.requireRecord(db, organizationID: org, id: id)
        }
    }
}
