import CaseworkDomain
import CaseworkUseCases
import X12

/// Writes one CLP loop as a claim's remit: the remit row, its claim- and line-level CAS and its service lines.
enum RemitRows {
    static func insert(_ db: any SQLExecutor, id: String, organizationID: String, claimID: String, paymentID: String, position: Int, seq: Int, claim: ERAClaim,
                       remit: RemittedClaim, paidOn: Day?, sourceName: String?) throws {
        try db.execute(
            """
            INSERT INTO remittances (id, organization_id, claim_id, status_code, paid_cents, patient_responsibility_cents, paid_on,
                source_file, remark_codes, payment_id, position, charge_cents, payer_claim_number, filing_indicator, frequency_code,
                statement_start, statement_end, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(organizationID), .text(claimID), .text(claim.statusCode), SQLValue(claim.paidCents), SQLValue(claim.patientResponsibilityCents),
             SQLValue(paidOn?.description), SQLValue(sourceName), .text(claim.remarkCodes.joined(separator: " ")), .text(paymentID),
             SQLValue(position), SQLValue(claim.chargeCents), SQLValue(claim.payerClaimNumber), SQLValue(claim.filingIndicator),
             SQLValue(claim.frequencyCode), SQLValue(claim.statementStart?.description), SQLValue(claim.statementEnd?.description),
             SQLValue(seq)])
        // Adjustments in the order the domain saw them: claim level first, then each line's.
        var lineNumbers: [Int?] = claim.adjustments.map { _ in nil }
        for (index, line) in claim.serviceLines.enumerated() { lineNumbers += line.adjustments.map { _ in index + 1 } }
        // One statement per table and remit, however many rows (up to 16 per statement so that the
        // statement cache keeps few shapes): statement overhead was most of a remit's cost.
        let adjustments = zip(remit.adjustments, lineNumbers).enumerated().map { position, pair -> [SQLValue] in
            [.text(organizationID), .text(id), SQLValue(position), .text(pair.0.carc.group.rawValue), .text(pair.0.carc.code),
             SQLValue(pair.0.amount.amount), .text(pair.0.level.rawValue), SQLValue(pair.1)]
        }
        try insertRows(db, into: "remittance_adjustments (organization_id, remittance_id, position, group_code, carc, amount_cents, level, line_number)",
                       rows: adjustments)
        let lines = claim.serviceLines.enumerated().map { index, line -> [SQLValue] in
            [.text(organizationID), .text(id), SQLValue(index + 1), .text(line.procedure), SQLValue(line.chargeCents), SQLValue(line.paidCents),
             SQLValue(line.revenueCode), SQLValue(line.units), SQLValue(line.serviceDate?.description),
             SQLValue(line.serviceEndDate?.description), SQLValue(line.controlNumber), SQLValue(line.allowedCents),
             .text(line.remarkCodes.joined(separator: " "))]
        }
        try insertRows(db, into: """
            remittance_service_lines (organization_id, remittance_id, line_number, procedure_code, charge_cents, paid_cents, revenue_code,
                units, service_date, service_end_date, control_number, allowed_cents, remark_codes)
            """, rows: lines)
    }

    /// `INSERT INTO table (columns) VALUES (...), (...)` for `rows` of equal width, 16 rows a statement.
    static func insertRows(_ db: any SQLExecutor, into table: String, rows: [[SQLValue]]) throws {
        guard let width = rows.first?.count else { return }
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + 16, rows.count)]
            let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            try db.execute("INSERT INTO \(table) VALUES " + Array(repeating: tuple, count: batch.count).joined(separator: ", "),
                           batch.flatMap { $0 })
            start += batch.count
        }
    }
}
