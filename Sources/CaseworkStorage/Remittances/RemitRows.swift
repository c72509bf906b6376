import CaseworkDomain
import X12

/// Writes one CLP loop as a claim's remit: the remit row, its claim- and line-level CAS and its service lines.
enum RemitRows {
    static func insert(_ db: SQLiteConnection, claimID: String, paymentID: String, position: Int, seq: Int, claim: ERAClaim,
                       remit: RemittedClaim, paidOn: Day?, sourceName: String?) throws {
        let id = Identifier.make("rem")
        try db.execute(
            """
            INSERT INTO remittances (id, claim_id, status_code, paid_cents, patient_responsibility_cents, paid_on, source_file,
                remark_codes, payment_id, position, charge_cents, payer_claim_number, filing_indicator, frequency_code,
                statement_start, statement_end, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(claimID), .text(claim.statusCode), SQLValue(claim.paidCents), SQLValue(claim.patientResponsibilityCents),
             SQLValue(paidOn?.description), SQLValue(sourceName), .text(claim.remarkCodes.joined(separator: " ")), .text(paymentID),
             SQLValue(position), SQLValue(claim.chargeCents), SQLValue(claim.payerClaimNumber), SQLValue(claim.filingIndicator),
             SQLValue(claim.frequencyCode), SQLValue(claim.statementStart?.description), SQLValue(claim.statementEnd?.description),
             SQLValue(seq)])
        // Adjustments in the order the domain saw them: claim level first, then each line's.
        var lineNumbers: [Int?] = claim.adjustments.map { _ in nil }
        for (index, line) in claim.serviceLines.enumerated() { lineNumbers += line.adjustments.map { _ in index + 1 } }
        for (position, (adjustment, line)) in zip(remit.adjustments, lineNumbers).enumerated() {
            try db.execute(
                """
                INSERT INTO remittance_adjustments (remittance_id, position, group_code, carc, amount_cents, level, line_number)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(id), SQLValue(position), .text(adjustment.carc.group.rawValue), .text(adjustment.carc.code),
                 SQLValue(adjustment.amount.amount), .text(adjustment.level.rawValue), SQLValue(line)])
        }
        for (index, line) in claim.serviceLines.enumerated() {
            try db.execute(
                """
                INSERT INTO remittance_service_lines (remittance_id, line_number, procedure_code, charge_cents, paid_cents, revenue_code,
                    units, service_date, service_end_date, control_number, allowed_cents, remark_codes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(id), SQLValue(index + 1), .text(line.procedure), SQLValue(line.chargeCents), SQLValue(line.paidCents),
                 SQLValue(line.revenueCode), SQLValue(line.units), SQLValue(line.serviceDate?.description),
                 SQLValue(line.serviceEndDate?.description), SQLValue(line.controlNumber), SQLValue(line.allowedCents),
                 .text(line.remarkCodes.joined(separator: " "))])
        }
    }
}
