import CaseworkDomain

/// Applies what a payment does to one active case: grouped claims, disputed and resolved CARCs,
/// timeline entries for denials and payments, and the paid outcome (resolve or flag).
enum PostedCaseUpdates {
    /// - Returns: the changes made, as words for the posting summary (`claims_added`, `carcs_added`,
    ///   `denial_noted`, `payment_noted`, `carcs_resolved`, `resolved`, `payment_received`).
    /// Everything is stamped with `ambient`'s time (a posting pins it to the file's one instant).
    static func apply(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, update: CaseUpdate, claimIDs: [String],
                             traceNumber: String, paymentDate: Day?) throws -> [String] {
        let now = ambient.now()
        var changes: [String] = []
        for claimID in claimIDs {
            try ClaimLinks.link(tx, ambient, caller: caller, caseID: update.caseID, claimID: claimID, submissionID: nil, at: now)
        }
        if !claimIDs.isEmpty {
            try tx.insertAuditEntry(.onCase(update.caseID, by: caller, action: "claims_added",
                                            changes: [CaseAudit.linked(claimIDs.map { ($0, nil) })], at: now))
            changes.append("claims_added")
        }
        for note in update.denialNotes {
            try SystemEvents.record(tx, ambient, caller: caller, caseID: update.caseID, event: .denialPosted, facts: [
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
            try SystemEvents.record(tx, ambient, caller: caller, caseID: update.caseID, event: .paymentPosted, facts: facts, at: now)
        }
        if !update.payments.isEmpty { changes.append("payment_noted") }

        let before = try CaseSaving.loadForChange(tx, organizationID: caller.organizationID, id: update.caseID, expectedRevision: nil)
        var after = before
        after.carcCodes += update.addedCarcs.filter { !before.carcCodes.contains($0) }
        after.resolvedCarcCodes.removeAll { update.addedCarcs.contains($0) }
        after.resolvedCarcCodes += update.resolvedCarcs.filter { !after.resolvedCarcCodes.contains($0) }
        if !claimIDs.isEmpty { after.patientID = try ClaimLinks.derivedPatient(tx, caseID: update.caseID) }
        if after.carcCodes != before.carcCodes { changes.append("carcs_added") }
        if !update.resolvedCarcs.isEmpty { changes.append("carcs_resolved") }
        try CaseSaving.touch(tx, ambient, caller: caller, before: before, after: after, at: now,
                             action: after == before ? nil : "remittance_posted")
        switch update.outcome {
        case .none:
            break
        case .resolve:
            let note = "Paid in full: payment \(traceNumber)\(paymentDate.map { " of \($0)" } ?? "") left nothing outstanding."
            _ = try CaseClosings.close(tx, ambient, caller: caller, id: update.caseID, closing: .resolve(resolvedCarcCodes: nil), note: note,
                                       cancelOpenWork: false, expectedRevision: nil)
            changes.append("resolved")
        case .flagPaymentReceived:
            try tx.flagPaymentReceived(caseID: update.caseID)
            try SystemEvents.record(tx, ambient, caller: caller, caseID: update.caseID, event: .paymentReceived, facts: ["trace_number": .text(traceNumber)], at: now)
            try tx.insertAuditEntry(.onCase(update.caseID, by: caller, action: "update",
                                            changes: [AuditChange(field: "payment_received", before: false, after: true)], at: now))
            changes.append("payment_received")
        }
        return changes
    }
}
