import CaseworkDomain

/// How a case is closed.
public enum CaseClosing: Sendable {
    /// Resolved; `resolvedCarcCodes` (⊆ disputed) may be set at the same time.
    case resolve(resolvedCarcCodes: [CARC]?)
    case cancel
}

/// Closing a case (resolve, cancel) and reactivating a closed one.
enum CaseClosings {
    /// Resolves or cancels an active case; see `CaseWork.close`.
    static func close(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, id: String, closing: CaseClosing,
                             note: String?, cancelOpenWork: Bool, expectedRevision: Int?) throws -> CaseRecord {
        let org = caller.organizationID
        let before = try CaseSaving.loadForChange(tx, organizationID: org, id: id, expectedRevision: expectedRevision)
        try CaseRules.requireActive(before.status)
        var after = before
        let now = ambient.now()
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
        let openWork = try tx.openWork(caseID: id)
        if !openWork.isEmpty {
            guard cancelOpenWork else { throw CaseRuleViolation.openWorkNeedsConsent(openWork) }
            try SystemEvents.cancel(tx, ambient, caller: caller, caseID: id, work: openWork, at: now)
        }
        // The case's claims are released by the database as its status changes.
        try CaseSaving.touch(tx, ambient, caller: caller, before: before, after: after, at: now,
                             action: after.status == .resolved ? "resolve" : "cancel")
        try SystemEvents.record(tx, ambient, caller: caller, caseID: id, event: after.status == .resolved ? .resolved : .canceled,
                                facts: note.map { ["note": .text($0)] } ?? [:], at: now)
        return try CaseSaving.requireRecord(tx, organizationID: org, id: id)
    }

    /// Reactivates a resolved or canceled case; see `CaseWork.reactivate`.
    static func reactivate(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, id: String,
                           expectedRevision: Int?) throws -> CaseRecord {
        let org = caller.organizationID
        let before = try CaseSaving.loadForChange(tx, organizationID: org, id: id, expectedRevision: expectedRevision)
        try CaseRules.requireClosed(before.status)
        let claims = try tx.linkedClaimIDs(caseID: id)
        for claim in claims {
            if let holder = try ClaimLinks.holdingCase(tx, claimID: claim, except: id) { throw holder }
        }
        var after = before
        after.status = .active
        after.resolvedAt = nil
        after.canceledAt = nil
        let now = ambient.now()
        // The status change takes the claims back; the partial unique index refuses it if another
        // case took one of them meanwhile (rule 1, under any concurrency).
        do {
            try tx.attempt { try CaseSaving.touch(tx, ambient, caller: caller, before: before, after: after, at: now, action: "reactivate") }
        } catch where StorageError.isUniqueViolation(error) {
            for claim in claims { if let holder = try ClaimLinks.holdingCase(tx, claimID: claim, except: id) { throw holder } }
            throw CaseRuleViolation.duplicateClaim(claimID: claims.first ?? "")
        }
        try SystemEvents.record(tx, ambient, caller: caller, caseID: id, event: .reactivated, at: now)
        return try CaseSaving.requireRecord(tx, organizationID: org, id: id)
    }
}
