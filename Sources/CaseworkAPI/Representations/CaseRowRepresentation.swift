import CaseworkDomain
import CaseworkUseCases

/// A work-list row (DESIGN §4) as JSON and as a CSV record (RFC 4180).
enum CaseRowRepresentation {
    static func row(_ r: CaseRow, today: Day, meanings: CodeMeanings) -> JSONValue {
        let c = r.case
        return .object([
            ("id", .string(c.id)), ("number", .string(c.number.description)),
            ("payer", CaseRepresentation.payer(c, r.payerName)), ("patient", CaseRepresentation.patient(c, r.patientName)),
            ("subject", .string(c.subject)), ("description", .string(c.description)),
            ("owner", CaseRepresentation.owner(c, r.ownerName)),
            ("follow_up_by", .optional(c.followUpBy?.description)), ("overdue", .bool(c.isOverdue(today: today))),
            ("priority", .string(c.priority.rawValue)), ("stage", .string(c.stage.rawValue)), ("status", .string(c.status.rawValue)),
            ("tags", .strings(c.tags)), ("carc_codes", .strings(c.carcCodes.map(\.description))), ("carcs", meanings.carcs(c.carcCodes)),
            ("open_tasks", .strings(r.openTasks)), ("claim_numbers", .strings(r.claimNumbers)),
            ("age_days", .int(c.ageDays(today: today))), ("aging_bucket", .string(AgingBucket(ageDays: c.ageDays(today: today)).rawValue)),
            ("total_outstanding_cents", .int(r.totalOutstanding.amount)),
            ("total_cost_share_outstanding_cents", .int(r.totalCostShareOutstanding.amount)),
            ("deadline", .optional(r.deadline?.description)), ("payment_received", .bool(r.paymentReceived)),
            ("created_at", .string(c.createdAt.description)), ("updated_at", .string(c.updatedAt.description)),
        ])
    }

    /// The CSV header line, CRLF-terminated.
    static let csvHeader = csvLine([
        "number", "payer", "patient", "subject", "description", "owner", "follow_up_by", "priority", "stage", "status",
        "open_tasks", "total_outstanding_cents", "total_cost_share_outstanding_cents",
        "id", "claim_numbers", "carc_codes", "created_on", "age_days", "aging_bucket",
    ])

    /// One CSV record of the row, CRLF-terminated. Free-text fields that a spreadsheet would
    /// read as a formula (leading `=`, `+`, `-`, `@`, tab or CR) get a leading `'`.
    static func csv(_ r: CaseRow, today: Day) -> [UInt8] {
        let c = r.case
        let text = [r.payerName, r.patientName ?? "", c.subject, c.description, r.ownerName ?? "", r.openTasks.joined(separator: "; "),
                    r.claimNumbers.joined(separator: "; ")]
            .map(defused)
        let age = c.ageDays(today: today)
        return csvLine([
            c.number.description, text[0], text[1], text[2], text[3], text[4],
            c.followUpBy?.description ?? "", c.priority.rawValue, c.stage.rawValue, c.status.rawValue,
            text[5], String(r.totalOutstanding.amount), String(r.totalCostShareOutstanding.amount),
            c.id, text[6], c.carcCodes.map(\.description).joined(separator: " "), c.createdAt.day.description, String(age),
            AgingBucket(ageDays: age).rawValue,
        ])
    }

    /// `field` made inert for spreadsheets (OWASP CSV injection guidance).
    static func defused(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        return "'" + field
    }

    /// Fields joined by commas; a field with a comma, quote, CR or LF is quoted with inner quotes doubled (RFC 4180 §2).
    static func csvLine(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 13 || $0 == 10 }) {
                out.append(34)
                for byte in field.utf8 { if byte == 34 { out.append(34) }; out.append(byte) }
                out.append(34)
            } else {
                out += Array(field.utf8)
            }
        }
        out += [13, 10]
        return out
    }
}
