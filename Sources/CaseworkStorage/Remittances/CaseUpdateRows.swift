import CaseworkDomain

/// Applies what a payment does to one active case: grouped claims, disputed and resolved CARCs,
/// timeline entries for denials and payments, and the paid outcome (resolve or flag).
enum CaseUpdateRows {
    /// - Returns: the changes made, as words for the posting summary (`claims_added`, `carcs_added`,
    ///   `denial_noted`, `payment_noted`, `carcs_resolved`, `resolved`, `payment_received`).
    static func apply(_ db: SQLiteConnection, caller: Caller, update: CaseUpdate, claimIDs: [String], traceNumber: String,
                      paymentDate: Day?, at now: Instant) throws -> [String] {
        let org = caller.organizationID
        var changes: [String] = []
        for claimID in claimIDs {
            try CaseRepository.link(db, caller: caller, caseID: update.caseID, claimID: claimID, submissionID: nil, at: now)
        }
        if !claimIDs.isEmpty {
            try AuditLog.record(db, organizationID: org, actorID: caller.userID, entityType: "case", entityID: update.caseID,
                                action: "claims_added", changes: [.init(field: "claims", before: AuditLog.value(nil),
                                                                        after: claimIDs.map { ["claim_id": $0, "submission_id": AuditLog.value(nil)] })],
                                at: now.description)
            changes.append("claims_added")
        }
        for note in update.denialNotes {
            try SystemEvents.record(db, caller: caller, caseID: update.caseID, event: .denialPosted, facts: [
                "claim_number": .text(note.claimNumber), "amount_cents": .number(note.finding.amount.amount),
                "category": .text(note.finding.category), "carc_codes": .list(note.finding.reasons.map(\.description)),
                "trace_number": .text(traceNumber),
            ], at: now)
        }
        if !update.denialNotes.isEmpty { changes.append("denial_noted") }
        for payment in update.payments {
            var facts: [String: SystemFact] = ["claim_number": .text(payment.claimNumber), "amount_cents": .number(payment.amount.amount),
                                               "trace_number": .text(traceNumber)]
            if let paymentDate { facts["payment_date"] = .text(paymentDate.description) }
            try SystemEvents.record(db, caller: caller, caseID: update.caseID, event: .paymentPosted, facts: facts, at: now)
        }
        if !update.payments.isEmpty { changes.append("payment_noted") }

        let before = try CaseRepository.loadForChange(db, organizationID: org, id: update.caseID, expectedRevision: nil)
        var after = before
        after.carcCodes += update.addedCarcs.filter { !before.carcCodes.contains($0) }
        after.resolvedCarcCodes.removeAll { update.addedCarcs.contains($0) }
        after.resolvedCarcCodes += update.resolvedCarcs.filter { !after.resolvedCarcCodes.contains($0) }
        if !claimIDs.isEmpty { after.patientID = try CaseRepository.derivedPatient(db, caseID: update.caseID) }
        if after.carcCodes != before.carcCodes { changes.append("carcs_added") }
        if !update.resolvedCarcs.isEmpty { changes.append("carcs_resolved") }
        try CaseRepository.touch(db, caller: caller, before: before, after: after, at: now,
                                 action: after == before ? nil : "remittance_posted")
        switch update.outcome {
        case .none:
            break
        case .resolve:
            let note = "Paid in full: payment \(traceNumber)\(paymentDate.map { " of \($0)" } ?? "") left nothing outstanding."
            _ = try CaseRepository.close(db, caller: caller, id: update.caseID, closing: .resolve(resolvedCarcCodes: nil), note: note,
                                         cancelOpenWork: false, expectedRevision: nil)
            changes.append("resolved")
        case .flagPaymentReceived:
            try db.execute("UPDATE cases SET payment_received = 1, revision = revision + 1 WHERE id = ?", [.text(update.caseID)])
            try SystemEvents.record(db, caller: caller, caseID: update.caseID, event: .paymentReceived, facts: ["trace_number": .text(traceNumber)], at: now)
            try AuditLog.record(db, organizationID: org, actorID: caller.userID, entityType: "case", entityID: update.caseID,
                                action: "update", changes: [.init(field: "payment_received", before: false, after: true)], at: now.description)
            changes.append("payment_received")
        }
        return changes
    }
}
