import CaseworkDomain
import CaseworkUseCases
import X12

/// Posting's part of the gateway: `remittance_payments` and their PLB adjustments and imbalances,
/// remits (`RemitRows`), the claims a payment introduces or changes, and the posting state
/// (`PostingStateLoader`). A payment's summary is kept as JSON text (`PostingSummaryCoding`).
extension SQLTransaction {
    func payer(organizationID: String, electronicID: String) throws -> Payer? {
        try db.queryOne("SELECT * FROM payers WHERE organization_id = ? AND payer_id = ? ORDER BY created_at, id LIMIT 1",
                        [.text(organizationID), .text(electronicID)]).map(PayerRepository.payer)
    }

    func payer(organizationID: String, named name: String) throws -> Payer? {
        try db.queryOne("SELECT * FROM payers WHERE organization_id = ? AND name = ? ORDER BY created_at, id LIMIT 1",
                        [.text(organizationID), .text(name)]).map(PayerRepository.payer)
    }

    func denialCategories(organizationID: String) throws -> DenialCategories {
        try DenialCategoryRepository.categories(db, organizationID: organizationID)
    }

    func postedSummary(organizationID: String, payerID: String, fingerprint: String) throws -> PostingSummary? {
        try db.queryOne("SELECT summary FROM remittance_payments WHERE organization_id = ? AND payer_id = ? AND fingerprint = ?",
                        [.text(organizationID), .text(payerID), .text(fingerprint)])
            .map { try PostingSummaryCoding.decode($0.string("summary")) }
    }

    func traceNumberPosted(organizationID: String, payerID: String, traceNumber: String) throws -> Bool {
        try db.queryOne("SELECT 1 AS found FROM remittance_payments WHERE organization_id = ? AND payer_id = ? AND trace_number = ?",
                        [.text(organizationID), .text(payerID), .text(traceNumber)]) != nil
    }

    func postingState(organizationID: String, payerID: String, advice: PaymentAdvice, rules: [WorkRule], categories: DenialCategories,
                      autoResolvePaidCases: Bool, today: Day) throws -> PostingState {
        try PostingStateLoader.load(db, organizationID: organizationID, payerID: payerID, advice: advice, rules: rules,
                                    categories: categories, autoResolvePaidCases: autoResolvePaidCases, today: today)
    }

    func patientID(organizationID: String, lastName: String, firstName: String, memberID: String?) throws -> String? {
        // `member_id = ?` or `IS NULL`, not `IS NOT DISTINCT FROM ?`: PostgreSQL seeks no index with the latter.
        let member = memberID == nil ? "member_id IS NULL" : "member_id = ?"
        return try db.queryOne(
            """
            SELECT id FROM patients WHERE organization_id = ? AND last_name = ? AND first_name = ? AND \(member)
            ORDER BY created_at, id LIMIT 1
            """, [.text(organizationID), .text(lastName), .text(firstName)] + (memberID.map { [.text($0)] } ?? []))?.string("id")
    }

    func insertPayment(id: String, organizationID: String, payerID: String, era: ERAPayment, sourceName: String?, at: Instant,
                       by userID: String) throws {
        try db.execute(
            """
            INSERT INTO remittance_payments (id, organization_id, payer_id, trace_number, fingerprint, handling_code, credit_debit,
                payment_method, total_payment_cents, payment_date, production_date, payer_name, payer_identifier, payee_name,
                payee_identifier, version, transaction_control_number, source_name, summary, posted_at, posted_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)
            """,
            [.text(id), .text(organizationID), .text(payerID), .text(era.traceNumber), .text(era.fingerprint),
             .text(era.handlingCode), SQLValue(era.creditDebit), SQLValue(era.paymentMethod), SQLValue(era.totalPaymentCents),
             SQLValue(era.paymentDate?.description), SQLValue(era.productionDate?.description), .text(era.payer.name),
             SQLValue(era.payer.id), SQLValue(era.payee?.name), SQLValue(era.payee?.id), SQLValue(era.version),
             .text(era.transactionControlNumber), SQLValue(sourceName), .text(at.description), .text(userID)])
        for (position, plb) in era.providerAdjustments.enumerated() {
            try db.execute(
                """
                INSERT INTO remittance_provider_adjustments (organization_id, payment_id, position, provider_id, fiscal_period_date, reason,
                    reference, amount_cents)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(organizationID), .text(id), SQLValue(position), .text(plb.providerID), SQLValue(plb.fiscalPeriodDate?.description), .text(plb.reason),
                 SQLValue(plb.reference), SQLValue(plb.amountCents)])
        }
        for (position, imbalance) in era.imbalances.enumerated() {
            try db.execute(
                """
                INSERT INTO remittance_imbalances (organization_id, payment_id, position, level, claim_number, line_number, expected_cents,
                    actual_cents, difference_cents)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(organizationID), .text(id), SQLValue(position), .text(imbalance.level.rawValue), SQLValue(imbalance.claimNumber), SQLValue(imbalance.lineNumber),
                 SQLValue(imbalance.expectedCents), SQLValue(imbalance.actualCents), SQLValue(imbalance.differenceCents)])
        }
    }

    func insertRemit(id: String, organizationID: String, claimID: String, paymentID: String, position: Int, seq: Int, claim: ERAClaim, remit: RemittedClaim,
                     paidOn: Day?, sourceName: String?) throws {
        try RemitRows.insert(db, id: id, organizationID: organizationID, claimID: claimID, paymentID: paymentID, position: position, seq: seq, claim: claim, remit: remit,
                             paidOn: paidOn, sourceName: sourceName)
    }

    func insertPostedClaim(_ claim: Claim, organizationID: String, deniedCents: Int, denialCategory: String?, lastRemittedOn: Day?,
                           at: Instant) throws {
        try insertClaimRow(claim, organizationID: organizationID, deniedCents: deniedCents, denialCategory: denialCategory,
                           lastRemittedOn: lastRemittedOn, at: at)
    }

    func updatePostedClaim(claimID: String, amounts a: ClaimAmounts, denialReasons: [CARC], deniedCents: Int, denialCategory: String?,
                           lastRemittedOn: Day?, at: Instant) throws {
        try db.execute(
            """
            UPDATE claims SET billed_cents = ?, expected_cents = ?, paid_cents = ?, cost_share_cents = ?, denial_carcs = ?, denied_cents = ?,
                denial_category = ?, last_remitted_on = COALESCE(?, last_remitted_on), updated_at = ?
            WHERE id = ?
            """,
            [SQLValue(a.billed.amount), SQLValue(a.expected.amount), SQLValue(a.paid.amount), SQLValue(a.costShare.amount),
             .text(denialReasons.map(\.description).joined(separator: " ")), SQLValue(deniedCents), SQLValue(denialCategory),
             SQLValue(lastRemittedOn?.description), .text(at.description), .text(claimID)])
    }

    func caseNumber(caseID: String) throws -> CaseNumber? {
        try db.queryOne("SELECT number FROM cases WHERE id = ?", [.text(caseID)]).map { CaseNumber(sequence: $0.int("number")) }
    }

    func savePostingSummary(_ summary: PostingSummary, paymentID: String) throws {
        try db.execute("UPDATE remittance_payments SET summary = ? WHERE id = ?",
                       [.text(try PostingSummaryCoding.encode(summary)), .text(paymentID)])
    }
}
