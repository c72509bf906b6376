import CaseworkDomain
import X12

/// Applies a `PostingPlan` inside the posting transaction: the payment with its PLB and
/// imbalances, new claims, each CLP as a remit with its lines and adjustments, claim figures,
/// cases opened and changed. Returns the payment's summary. Everything is stamped with one instant.
struct PlanApplier {
    let tx: any WriteTransaction
    let caller: Caller
    let era: ERAPayment
    let advice: PaymentAdvice
    let payer: Payer
    let sourceName: String?
    /// Patients met in this file, carried from payment to payment.
    var patients: [String: String]
    let now: Instant
    /// The use cases' time and ids: every case opened or changed by this payment is stamped `now`.
    let ambient: Ambient

    init(tx: any WriteTransaction, ambient: Ambient, caller: Caller, era: ERAPayment, advice: PaymentAdvice, payer: Payer,
         sourceName: String?, patients: [String: String]) {
        let now = ambient.now()
        self.tx = tx; self.caller = caller; self.era = era; self.advice = advice; self.payer = payer; self.sourceName = sourceName
        self.patients = patients; self.now = now
        self.ambient = Ambient(now: { now }, newID: ambient.newID)
    }

    mutating func apply(_ plan: PostingPlan, state: PostingState) throws -> PostingSummary {
        let paymentID = ambient.newID("rmt")
        try insertPayment(paymentID)
        var claimIDs: [ClaimRef: String] = [:]
        var denials: [ClaimRef: FoundDenial] = [:]
        for denial in plan.denials { denials[denial.claim] = denial }
        var updates: [ClaimRef: ClaimUpdate] = [:]
        for update in plan.claimUpdates { updates[update.claim] = update }
        // A new claim is written once, with its figures after the payment.
        for (index, planned) in plan.claimsToCreate.enumerated() {
            let ref = ClaimRef.new(index)
            claimIDs[ref] = try createClaim(planned, figures: updates[ref], denial: denials[ref])
        }
        func id(_ ref: ClaimRef) -> String {
            if case .existing(let id) = ref { return id }
            return claimIDs[ref] ?? ""
        }
        // Remits are numbered per claim after those it had (its newest has the largest number).
        var nextSeq: [String: Int] = [:]
        for claim in state.claims.values { nextSeq[claim.id] = claim.remittances.count + 1 }
        for posting in plan.postings {
            let claimID = id(posting.claim)
            let seq = nextSeq[claimID, default: 1]
            nextSeq[claimID] = seq + 1
            try tx.insertRemit(id: ambient.newID("rem"), organizationID: caller.organizationID, claimID: claimID, paymentID: paymentID, position: posting.index, seq: seq,
                               claim: era.claims[posting.index], remit: advice.claims[posting.index], paidOn: advice.paymentDate,
                               sourceName: sourceName)
        }
        for update in plan.claimUpdates {
            if case .existing(let claimID) = update.claim { try updateClaim(claimID, update, denial: denials[update.claim]) }
        }

        var summary = PostingSummary(
            remittanceId: paymentID, duplicate: false, payerId: payer.id, payerName: payer.name, traceNumber: era.traceNumber,
            paymentDate: advice.paymentDate?.description, totalPaymentCents: era.totalPaymentCents, handlingCode: era.handlingCode,
            claimsMatched: Set(plan.postings.compactMap { if case .existing(let id) = $0.claim { id } else { nil } }).count,
            claimsCreated: plan.claimsToCreate.count, reversals: plan.postings.filter(\.isReversal).count,
            denials: [], casesOpened: [], casesUpdated: [], imbalances: era.imbalances.map(Self.imbalance), warnings: [])

        var caseOfClaim: [String: CaseReference] = [:]
        for planned in plan.casesToOpen {
            let opened = try openCase(planned, claimIDs: planned.claims.map(id), rules: state.rules)
            for ref in planned.claims { caseOfClaim[id(ref)] = opened }
            summary.casesOpened.append(PostedCase(id: opened.id, number: opened.number.description, changes: ["opened"]))
        }
        for update in plan.caseUpdates {
            let changes = try PostedCaseUpdates.apply(tx, ambient, caller: caller, update: update, claimIDs: update.addedClaims.map(id),
                                                      traceNumber: era.traceNumber, paymentDate: advice.paymentDate)
            let reference = CaseReference(id: update.caseID, number: try tx.caseNumber(caseID: update.caseID) ?? CaseNumber(sequence: 0))
            for ref in update.addedClaims { caseOfClaim[id(ref)] = reference }
            summary.casesUpdated.append(PostedCase(id: update.caseID, number: reference.number.description, changes: changes))
        }
        for denial in plan.denials {
            let claimID = id(denial.claim)
            var holder = caseOfClaim[claimID]
            if holder == nil, denial.outcome == .notedOnCase, let caseID = state.claims.values.first(where: { $0.id == claimID })?.activeCaseID,
               let number = try tx.caseNumber(caseID: caseID) {
                holder = CaseReference(id: caseID, number: number)
            }
            summary.denials.append(PostedDenial(
                claimId: claimID, claimNumber: denial.claimNumber, kind: denial.finding.kind.rawValue, amountCents: denial.finding.amount.amount,
                carcCodes: denial.finding.reasons.map(\.description), remarkCodes: denial.finding.remarkCodes, category: denial.finding.category,
                outcome: denial.outcome.rawValue, caseId: holder?.id, caseNumber: holder?.number.description, ruleId: denial.ruleID))
        }
        return summary
    }

    private func insertPayment(_ id: String) throws {
        try tx.insertPayment(id: id, organizationID: caller.organizationID, payerID: payer.id, era: era, sourceName: sourceName, at: now,
                             by: caller.userID)
        try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "remittance", entityID: id,
                                           action: "post", changes: [
                                               AuditChange(field: "trace_number", before: AuditValue.null, after: era.traceNumber),
                                               AuditChange(field: "total_payment_cents", before: AuditValue.null, after: era.totalPaymentCents),
                                           ], at: now))
    }

    static func imbalance(_ i: ERAImbalance) -> PostedImbalance {
        PostedImbalance(level: i.level.rawValue, claimNumber: i.claimNumber, lineNumber: i.lineNumber,
                        expectedCents: i.expectedCents, actualCents: i.actualCents, differenceCents: i.differenceCents)
    }

    /// A claim the remit introduces, with its figures after the payment, its patient (matched by
    /// name and member id within the organization, else recorded) and an original submission
    /// carrying the payer's claim number; one audit event.
    private mutating func createClaim(_ planned: PlannedClaim, figures: ClaimUpdate?, denial: FoundDenial?) throws -> String {
        let org = caller.organizationID
        var patientID: String?
        if let person = planned.patient, !person.lastName.isEmpty {
            let key = [person.lastName, person.firstName, person.memberID ?? ""].joined(separator: "\u{1F}")
            if let known = patients[key] {
                patientID = known
            } else if let found = try tx.patientID(organizationID: org, lastName: person.lastName, firstName: person.firstName,
                                                   memberID: person.memberID) {
                patientID = found
            } else {
                patientID = try PatientWork.add(tx, ambient, organizationID: org, patient: Patient(
                    id: "", firstName: person.firstName, lastName: person.lastName, birthDate: nil, memberID: person.memberID),
                    importKey: nil, actorID: caller.userID).id
            }
            patients[key] = patientID
        }
        let amounts = figures?.amounts ?? ClaimAmounts(billed: planned.billed, expected: planned.billed)
        let claim = Claim(id: ambient.newID("clm"), claimNumber: planned.claimNumber, payerID: payer.id, patientID: patientID,
                          serviceStart: planned.serviceStart, serviceEnd: planned.serviceEnd, amounts: amounts,
                          denialReasons: figures?.denialReasons ?? [])
        // The plan chose a number no claim of the organization has; the unique index still guards it.
        try tx.insertPostedClaim(claim, organizationID: org, deniedCents: denial?.finding.amount.amount ?? 0,
                                 denialCategory: denial?.finding.category, lastRemittedOn: advice.paymentDate, at: now)
        try tx.insertSubmission(Submission(id: ambient.newID("sub"), claimID: claim.id, sequence: 1, frequencyCode: .original, submittedOn: nil,
                                           payerClaimNumber: planned.payerClaimNumber), organizationID: org, at: now)
        try tx.insertAuditEntry(AuditEntry(organizationID: org, actorID: caller.userID, entityType: "claim", entityID: claim.id, action: "create",
                                           changes: [
                                               AuditChange(field: "claim_number", before: AuditValue.null, after: planned.claimNumber),
                                               AuditChange(field: "paid_cents", before: AuditValue.null, after: amounts.paid.amount),
                                               AuditChange(field: "expected_cents", before: AuditValue.null, after: amounts.expected.amount),
                                               AuditChange(field: "trace_number", before: AuditValue.null, after: era.traceNumber),
                                           ], at: now))
        return claim.id
    }

    private func updateClaim(_ id: String, _ update: ClaimUpdate, denial: FoundDenial?) throws {
        guard let before = try tx.claim(organizationID: caller.organizationID, id: id) else { return }
        let a = update.amounts
        try tx.updatePostedClaim(claimID: id, amounts: a, denialReasons: update.denialReasons, deniedCents: denial?.finding.amount.amount ?? 0,
                                 denialCategory: denial?.finding.category, lastRemittedOn: advice.paymentDate, at: now)
        func codes(_ reasons: [CARC]) -> String { reasons.map(\.description).joined(separator: " ") }
        try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "claim", entityID: id,
                                           action: "remittance_posted", changes: [
                                               AuditChange(field: "billed_cents", before: before.amounts.billed.amount, after: a.billed.amount),
                                               AuditChange(field: "paid_cents", before: before.amounts.paid.amount, after: a.paid.amount),
                                               AuditChange(field: "cost_share_cents", before: before.amounts.costShare.amount, after: a.costShare.amount),
                                               AuditChange(field: "expected_cents", before: before.amounts.expected.amount, after: a.expected.amount),
                                               AuditChange(field: "denial_carc_codes", before: codes(before.denialReasons),
                                                           after: codes(update.denialReasons)),
                                           ], at: now))
    }

    /// Opens a rule's case through the same path as a person's, then marks it as the rule's.
    private func openCase(_ planned: PlannedCase, claimIDs: [String], rules: [WorkRule]) throws -> CaseReference {
        let opened = try CaseOpening.open(tx, ambient, caller: caller, newCase: NewCase(
            claims: claimIDs.map { ($0, nil) }, subject: planned.subject, carcCodes: planned.carcCodes,
            description: "Opened for denials posted from payment \(era.traceNumber).", followUpBy: planned.followUpBy,
            priority: planned.priority, owner: planned.owner), applyRules: false, openedByRuleID: planned.ruleID)
        let name = rules.first { $0.id == planned.ruleID }?.name ?? planned.ruleID
        try SystemEvents.record(tx, ambient, caller: caller, caseID: opened.id, event: .openedByRule,
                                facts: ["rule": .text(name), "rule_id": .text(planned.ruleID), "trace_number": .text(era.traceNumber)], at: now)
        return CaseReference(id: opened.id, number: opened.number)
    }
}
