/// Turns a payment and the organization's current state into a `PostingPlan` (DESIGN §9).
///
/// Pure: the same inputs give the same plan. Steps: post every CLP to its claim (creating unknown
/// ones); recompute each touched claim's paid, cost share, expected and denial; let rule 1 and the
/// work rules decide what each denial does to cases; note payments on active cases, resolve the
/// CARCs that are gone, and resolve or flag awaiting-payment cases whose claims are all paid.
public enum PostingPlanner {
    public static func plan(_ payment: PaymentAdvice, state: PostingState) -> PostingPlan {
        var plan = PostingPlan()
        var claims = state.claims
        var refs: [String: ClaimRef] = [:]
        var taken = state.numbersTaken
        var order: [String] = []

        // 1. Every CLP onto its claim.
        for (index, remit) in payment.claims.enumerated() {
            let key = remit.claimNumber
            if refs[key] == nil {
                if let known = claims[key] {
                    refs[key] = .existing(known.id)
                } else {
                    let number = freeNumber(key, taken: taken)
                    if number != key {
                        plan.warnings.append("Claim number \(key) belongs to another payer's claim; recorded as \(number).")
                    }
                    taken.insert(number)
                    let ref = ClaimRef.new(plan.claimsToCreate.count)
                    // A reversal carries the charge negated; the claim's bill is what was charged.
                    let billed = remit.isReversal ? .zero - remit.charge : remit.charge
                    plan.claimsToCreate.append(PlannedClaim(
                        claimNumber: number, patient: remit.patient, serviceStart: remit.serviceStart, serviceEnd: remit.serviceEnd,
                        billed: billed, payerClaimNumber: remit.payerClaimNumber))
                    refs[key] = ref
                    claims[key] = ClaimState(id: "", claimNumber: number, amounts: ClaimAmounts(billed: billed, expected: .zero),
                                             remittances: [], activeCaseID: nil)
                }
                order.append(key)
            }
            claims[key]?.remittances.append(remit)
            plan.postings.append(ClaimPosting(index: index, claim: refs[key]!, claimNumber: claims[key]?.claimNumber ?? key,
                                              isReversal: remit.isReversal))
        }

        // 2. Figures after the payment. Paid and cost share sum every remit (a reversal nets out what
        // it reverses). The newest adjudication says what was billed and may be collected: this
        // payment's non-reversal CLPs of the claim (a split claim has several), charge − contractual.
        var findings: [String: DenialFinding] = [:]
        var adjudications: [String: [RemittedClaim]] = [:]
        for remit in payment.claims where !remit.isReversal { adjudications[remit.claimNumber, default: []].append(remit) }
        for key in order {
            guard var claim = claims[key], let ref = refs[key] else { continue }
            claim.amounts.paid = claim.remittances.map(\.paid).sum()
            claim.amounts.costShare = claim.remittances.map(\.patientResponsibility).sum()
            if let newest = adjudications[key] {
                claim.amounts.billed = newest.map(\.charge).sum()
                claim.amounts.expected = claim.amounts.billed - newest.map(\.contractualAdjustment).sum()
            } else if case .new = ref {
                // Known only from a reversal of a payment never posted here: nothing is owed either way.
                claim.amounts.expected = claim.amounts.paid + claim.amounts.costShare
            }
            let finding = DenialFinding.find(expected: claim.amounts.expected, remittances: claim.remittances, categories: state.categories)
            findings[key] = finding
            claims[key] = claim
            plan.claimUpdates.append(ClaimUpdate(claim: ref, amounts: claim.amounts,
                                                 denialReasons: finding?.kind == .denial ? finding!.reasons : []))
        }

        // 3. Denials: rule 1 first, then the first matching rule.
        var updates: [String: CaseUpdate] = [:]
        var caseOrder: [String] = []
        func update(_ id: String, _ change: (inout CaseUpdate) -> Void) {
            if updates[id] == nil { updates[id] = CaseUpdate(caseID: id); caseOrder.append(id) }
            change(&updates[id]!)
        }
        var cases = state.cases
        var openedByRule: [String: [String: Int]] = [:]
        for key in order {
            guard let finding = findings[key], let claim = claims[key], let ref = refs[key] else { continue }
            if let holder = claim.activeCaseID {
                let known = cases[holder]
                let fresh = finding.reasons.filter { !(known?.carcCodes.contains($0) ?? false) || (known?.resolvedCarcCodes.contains($0) ?? false) }
                update(holder) { u in
                    u.denialNotes.append(DenialNote(claimNumber: claim.claimNumber, finding: finding))
                    u.addedCarcs += fresh.filter { !u.addedCarcs.contains($0) }
                }
                plan.denials.append(FoundDenial(claim: ref, claimNumber: claim.claimNumber, finding: finding, outcome: .notedOnCase, ruleID: nil))
                continue
            }
            guard let rule = WorkRule.first(of: state.rules, payerID: state.payerID, finding: finding), rule.action != .leave else {
                let rule = WorkRule.first(of: state.rules, payerID: state.payerID, finding: finding)
                plan.denials.append(FoundDenial(claim: ref, claimNumber: claim.claimNumber, finding: finding, outcome: .left, ruleID: rule?.id))
                continue
            }
            let subject = finding.category
            if rule.action == .addToPayerCase {
                if let index = openedByRule[rule.id]?[subject] {
                    plan.casesToOpen[index].claims.append(ref)
                    plan.casesToOpen[index].carcCodes += finding.reasons.filter { !plan.casesToOpen[index].carcCodes.contains($0) }
                    plan.denials.append(FoundDenial(claim: ref, claimNumber: claim.claimNumber, finding: finding, outcome: .addedToCase, ruleID: rule.id))
                    continue
                }
                if let existing = state.ruleCases[rule.id]?[subject], cases[existing] != nil {
                    update(existing) { u in
                        u.addedClaims.append(ref)
                        u.addedCarcs += finding.reasons.filter { r in !(cases[existing]?.carcCodes.contains(r) ?? false) && !u.addedCarcs.contains(r) }
                        u.denialNotes.append(DenialNote(claimNumber: claim.claimNumber, finding: finding))
                    }
                    cases[existing]?.claims[claim.id.isEmpty ? "new:\(key)" : claim.id] = CaseClaimState(
                        outstanding: claim.amounts.outstanding, newestCarcs: newestCarcs(claim))
                    plan.denials.append(FoundDenial(claim: ref, claimNumber: claim.claimNumber, finding: finding, outcome: .addedToCase, ruleID: rule.id))
                    continue
                }
            }
            // Follow-up is the team's own schedule for the new case, counted from the day it opens (a
            // file posted weeks after its payment date must not open cases already overdue); the
            // payer's clock is the claim's appeal deadline.
            plan.casesToOpen.append(PlannedCase(
                ruleID: rule.id, subject: subject, carcCodes: finding.reasons, owner: rule.owner, priority: rule.priority,
                followUpBy: rule.followUpDays.map { state.today.adding(days: $0) }, claims: [ref]))
            if rule.action == .addToPayerCase { openedByRule[rule.id, default: [:]][subject] = plan.casesToOpen.count - 1 }
            plan.denials.append(FoundDenial(claim: ref, claimNumber: claim.claimNumber, finding: finding, outcome: .caseOpened, ruleID: rule.id))
        }

        // 4. Payments on active cases; CARCs gone; paid cases.
        for posting in plan.postings {
            guard let claim = claims[payment.claims[posting.index].claimNumber], let holder = claim.activeCaseID else { continue }
            update(holder) { $0.payments.append(PaymentNote(claimNumber: claim.claimNumber, amount: payment.claims[posting.index].paid)) }
        }
        for key in order {
            guard let claim = claims[key], let holder = claim.activeCaseID else { continue }
            cases[holder]?.claims[claim.id] = CaseClaimState(outstanding: claim.amounts.outstanding, newestCarcs: newestCarcs(claim))
        }
        for id in caseOrder {
            guard let known = cases[id], var u = updates[id] else { continue }
            let seen = known.claims.values.compactMap(\.newestCarcs)
            if !seen.isEmpty {
                let present = seen.reduce(into: Set<CARC>()) { $0.formUnion($1) }
                u.resolvedCarcs = known.carcCodes.filter { !present.contains($0) && !known.resolvedCarcCodes.contains($0) && !u.addedCarcs.contains($0) }
            }
            if known.stage == .awaitingPayment, !u.payments.isEmpty, known.claims.values.allSatisfy({ $0.outstanding <= .zero }) {
                u.outcome = state.autoResolvePaidCases && !known.hasOpenWork ? .resolve : .flagPaymentReceived
            }
            updates[id] = u
        }
        plan.caseUpdates = caseOrder.compactMap { updates[$0] }.filter { !$0.isEmpty }
        return plan
    }

    /// `number`, or the first `number-N` (N ≥ 2) no other claim uses.
    static func freeNumber(_ number: String, taken: Set<String>) -> String {
        guard taken.contains(number) else { return number }
        var n = 2
        while taken.contains("\(number)-\(n)") { n += 1 }
        return "\(number)-\(n)"
    }

    /// The CARCs of the claim's newest non-reversal remit; nil when it has none.
    static func newestCarcs(_ claim: ClaimState) -> Set<CARC>? {
        guard let newest = claim.remittances.last(where: { !$0.isReversal }) else { return nil }
        return Set(newest.adjustments.map(\.carc).filter { !$0.isContractual })
    }
}
