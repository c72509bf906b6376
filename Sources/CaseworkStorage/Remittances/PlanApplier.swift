import CaseworkDomain
import CaseworkUseCases
import X12

/// Applies a `PostingPlan` inside the posting transaction: the payment with its PLB and
/// imbalances, new claims, each CLP as a remit with its lines and adjustments, claim figures,
/// cases opened and changed. Returns the payment's summary.
struct PlanApplier {
    let db: any SQLExecutor
    let caller: Caller
    let era: ERAPayment
    let advice: PaymentAdvice
    let payer: Payer
    let sourceName: String?
    /// Patients met in this file, carried from payment to payment.
    var patients: [String: String]
    let now = Instant.now()
    /// The use cases' time and ids: every case opened or changed by this payment is stamped `now`.
    var ambient: Ambient { Ambient(now: { [now] in now }, newID: Identifier.make) }

    mutating func apply(_ plan: PostingPlan, state: PostingState) throws -> PostingSummary {
        let paymentID = Identifier.make("rmt")
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
            try RemitRows.insert(db, claimID: claimID, paymentID: paymentID, position: posting.index, seq: seq,
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
            let changes = try PostedCaseUpdates.apply(SQLTransaction(db), ambient, caller: caller, update: update,
                                                      claimIDs: update.addedClaims.map(id), traceNumber: era.traceNumber,
                                                      paymentDate: advice.paymentDate)
            let number = try db.queryOne("SELECT number FROM cases WHERE id = ?", [.text(update.caseID)])?.int("number") ?? 0
            let reference = CaseReference(id: update.caseID, number: CaseNumber(sequence: number))
            for ref in update.addedClaims { caseOfClaim[id(ref)] = reference }
            summary.casesUpdated.append(PostedCase(id: update.caseID, number: reference.number.description, changes: changes))
        }
        for denial in plan.denials {
            let claimID = id(denial.claim)
            var holder = caseOfClaim[claimID]
            if holder == nil, denial.outcome == .notedOnCase, let caseID = state.claims.values.first(where: { $0.id == claimID })?.activeCaseID,
               let number = try db.queryOne("SELECT number FROM cases WHERE id = ?", [.text(caseID)])?.int("number") {
                holder = CaseReference(id: caseID, number: CaseNumber(sequence: number))
            }
            summary.denials.append(PostedDenial(
                claimId: claimID, claimNumber: denial.claimNumber, kind: denial.finding.kind.rawValue, amountCents: denial.finding.amount.amount,
                carcCodes: denial.finding.reasons.map(\.description), remarkCodes: denial.finding.remarkCodes, category: denial.finding.category,
                outcome: denial.outcome.rawValue, caseId: holder?.id, caseNumber: holder?.number.description, ruleId: denial.ruleID))
        }
        return summary
    }

    private func insertPayment(_ id: String) throws {
        try db.execute(
            """
            INSERT INTO remittance_payments (id, organization_id, payer_id, trace_number, fingerprint, handling_code, credit_debit,
                payment_method, total_payment_cents, payment_date, production_date, payer_name, payer_identifier, payee_name,
                payee_identifier, version, transaction_control_number, source_name, summary, posted_at, posted_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)
            """,
            [.text(id), .text(caller.organizationID), .text(payer.id), .text(era.traceNumber), .text(era.fingerprint),
             .text(era.handlingCode), SQLValue(era.creditDebit), SQLValue(era.paymentMethod), SQLValue(era.totalPaymentCents),
             SQLValue(era.paymentDate?.description), SQLValue(era.productionDate?.description), .text(era.payer.name),
             SQLValue(era.payer.id), SQLValue(era.payee?.name), SQLValue(era.payee?.id), SQLValue(era.version),
             .text(era.transactionControlNumber), SQLValue(sourceName), .text(now.description), .text(caller.userID)])
        for (position, plb) in era.providerAdjustments.enumerated() {
            try db.execute(
                """
                INSERT INTO remittance_provider_adjustments (payment_id, position, provider_id, fiscal_period_date, reason, reference, amount_cents)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(id), SQLValue(position), .text(plb.providerID), SQLValue(plb.fiscalPeriodDate?.description), .text(plb.reason),
                 SQLValue(plb.reference), SQLValue(plb.amountCents)])
        }
        for (position, imbalance) in era.imbalances.enumerated() {
            try db.execute(
                """
                INSERT INTO remittance_imbalances (payment_id, position, level, claim_number, line_number, expected_cents, actual_cents, difference_cents)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(id), SQLValue(position), .text(imbalance.level.rawValue), SQLValue(imbalance.claimNumber), SQLValue(imbalance.lineNumber),
                 SQLValue(imbalance.expectedCents), SQLValue(imbalance.actualCents), SQLValue(imbalance.differenceCents)])
        }
        try AuditLog.record(db, organizationID: caller.organizationID, actorID: caller.userID, entityType: "remittance", entityID: id,
                            action: "post", changes: [.init(field: "trace_number", before: AuditChange.value(nil), after: era.traceNumber),
                                                      .init(field: "total_payment_cents", before: AuditChange.value(nil), after: era.totalPaymentCents)],
                            at: now.description)
    }

    static func imbalance(_ i: ERAImbalance) -> PostedImbalance {
        PostedImbalance(level: i.level.rawValue, claimNumber: i.claimNumber, lineNumber: i.lineNumber,
                        expectedCents: i.expectedCents, actualCents: i.actualCents, differenceCents: i.differenceCents)
    }

    /// A claim the remit introduces, with its figures after the payment, its patient (matched by
    /// name and member id within the organization, else created) and an original submission
    /// carrying the payer's claim number; one audit event.
    private mutating func createClaim(_ planned: PlannedClaim, figures: ClaimUpdate?, denial: FoundDenial?) throws -> String {
        let org = caller.organizationID
        var patientID: String?
        if let person = planned.patient, !person.lastName.isEmpty {
            let key = [person.lastName, person.firstName, person.memberID ?? ""].joined(separator: "\u{1F}")
            if let known = patients[key] {
                patientID = known
            } else if let row = try db.queryOne(
                "SELECT id FROM patients WHERE organization_id = ? AND last_name = ? AND first_name = ? AND member_id IS NOT DISTINCT FROM ? ORDER BY created_at, id LIMIT 1",
                [.text(org), .text(person.lastName), .text(person.firstName), SQLValue(person.memberID)]) {
                patientID = row.string("id")
            } else {
                patientID = try PatientWork.add(SQLTransaction(db), .system, organizationID: org, patient: Patient(
                    id: "", firstName: person.firstName, lastName: person.lastName, birthDate: nil, memberID: person.memberID),
                    importKey: nil, actorID: caller.userID).id
            }
            patients[key] = patientID
        }
        let a = figures?.amounts ?? ClaimAmounts(billed: planned.billed, expected: planned.billed)
        let carcs = figures?.denialReasons.map(\.description).joined(separator: " ") ?? ""
        let id = Identifier.make("clm")
        let at = now.description
        // The plan chose a number no claim of the organization has; the UNIQUE constraint still guards it.
        try db.execute(
            """
            INSERT INTO claims (id, organization_id, claim_number, payer_id, patient_id, service_start, service_end, billed_cents,
                expected_cents, paid_cents, cost_share_cents, denial_carcs, denied_cents, denial_category, last_remitted_on,
                created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(org), .text(planned.claimNumber), .text(payer.id), SQLValue(patientID),
             SQLValue(planned.serviceStart?.description), SQLValue(planned.serviceEnd?.description), SQLValue(a.billed.amount),
             SQLValue(a.expected.amount), SQLValue(a.paid.amount), SQLValue(a.costShare.amount), .text(carcs),
             SQLValue(denial?.finding.amount.amount ?? 0), SQLValue(denial?.finding.category), SQLValue(advice.paymentDate?.description),
             .text(at), .text(at)])
        try db.execute(
            """
            INSERT INTO submissions (id, claim_id, sequence, frequency_code, submitted_on, payer_claim_number, created_at)
            VALUES (?, ?, 1, '1', NULL, ?, ?)
            """, [.text(Identifier.make("sub")), .text(id), SQLValue(planned.payerClaimNumber), .text(at)])
        try AuditLog.record(db, organizationID: org, actorID: caller.userID, entityType: "claim", entityID: id, action: "create",
                            changes: [.init(field: "claim_number", before: AuditChange.value(nil), after: planned.claimNumber),
                                      .init(field: "paid_cents", before: AuditChange.value(nil), after: a.paid.amount),
                                      .init(field: "expected_cents", before: AuditChange.value(nil), after: a.expected.amount),
                                      .init(field: "trace_number", before: AuditChange.value(nil), after: era.traceNumber)],
                            at: at)
        return id
    }

    private func updateClaim(_ id: String, _ update: ClaimUpdate, denial: FoundDenial?) throws {
        guard let before = try db.queryOne("SELECT billed_cents, paid_cents, cost_share_cents, expected_cents, denial_carcs FROM claims WHERE id = ?",
                                           [.text(id)]) else { return }
        let a = update.amounts
        let carcs = update.denialReasons.map(\.description).joined(separator: " ")
        try db.execute(
            """
            UPDATE claims SET billed_cents = ?, expected_cents = ?, paid_cents = ?, cost_share_cents = ?, denial_carcs = ?, denied_cents = ?,
                denial_category = ?, last_remitted_on = COALESCE(?, last_remitted_on), updated_at = ?
            WHERE id = ?
            """,
            [SQLValue(a.billed.amount), SQLValue(a.expected.amount), SQLValue(a.paid.amount), SQLValue(a.costShare.amount), .text(carcs),
             SQLValue(denial?.finding.amount.amount ?? 0), SQLValue(denial?.finding.category), SQLValue(advice.paymentDate?.description),
             .text(now.description), .text(id)])
        try AuditLog.record(db, organizationID: caller.organizationID, actorID: caller.userID, entityType: "claim", entityID: id,
                            action: "remittance_posted", changes: [
                                .init(field: "billed_cents", before: before.int("billed_cents"), after: a.billed.amount),
                                .init(field: "paid_cents", before: before.int("paid_cents"), after: a.paid.amount),
                                .init(field: "cost_share_cents", before: before.int("cost_share_cents"), after: a.costShare.amount),
                                .init(field: "expected_cents", before: before.int("expected_cents"), after: a.expected.amount),
                                .init(field: "denial_carc_codes", before: before.string("denial_carcs"), after: carcs),
                            ], at: now.description)
    }

    /// Opens a rule's case through the same path as a person's, then marks it as the rule's.
    private func openCase(_ planned: PlannedCase, claimIDs: [String], rules: [WorkRule]) throws -> CaseReference {
        let tx = SQLTransaction(db)
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
