import CaseworkDomain
import CaseworkUseCases

/// JSON shapes of posted payments, remits and posting summaries (money in cents, dates YYYY-MM-DD).
enum RemittanceRepresentation {
    static func payment(_ p: RemittancePaymentRecord) -> JSONValue {
        .object([
            ("id", .string(p.id)), ("payer", .object([("id", .string(p.payerID)), ("name", .string(p.payerName))])),
            ("trace_number", .string(p.traceNumber)), ("payment_date", .optional(p.paymentDate)),
            ("production_date", .optional(p.productionDate)), ("total_payment_cents", .int(p.totalPaymentCents)),
            ("handling_code", .string(p.handlingCode)), ("credit_debit", .optional(p.creditDebit)),
            ("payment_method", .optional(p.paymentMethod)), ("payer_identifier", .optional(p.payerIdentifier)),
            ("payee", .object([("name", .optional(p.payeeName)), ("identifier", .optional(p.payeeIdentifier))])),
            ("version", .optional(p.version)), ("source_name", .optional(p.sourceName)), ("posted_at", .string(p.postedAt)),
            ("claim_count", .int(p.claimCount)), ("imbalance_count", .int(p.imbalanceCount)),
        ])
    }

    static func detail(_ d: RemittanceDetail, meanings: CodeMeanings) -> JSONValue {
        guard case .object(var members) = payment(d.payment) else { return .null }
        members += [
            ("claims", .array(d.claims.map { remit($0, meanings: meanings) })),
            ("provider_adjustments", .array(d.providerAdjustments.map { a in
                .object([("provider_id", .string(a.providerID)), ("fiscal_period_date", .optional(a.fiscalPeriodDate)),
                         ("reason", .string(a.reason)), ("reference", .optional(a.reference)), ("amount_cents", .int(a.amountCents))])
            })),
            ("imbalances", .array(d.imbalances.map(imbalance))),
        ]
        return .object(members)
    }

    /// A remit (CLP loop) with the meaning of its status code (CLP02), of each adjustment's group
    /// and reason, and of each remark code, from `meanings`.
    static func remit(_ r: ClaimRemitRecord, meanings: CodeMeanings) -> JSONValue {
        .object([
            ("id", .string(r.id)), ("claim_id", .string(r.claimID)), ("claim_number", .string(r.claimNumber)),
            ("remittance_id", .optional(r.paymentID)), ("trace_number", .optional(r.traceNumber)),
            ("status_code", .string(r.statusCode)), ("status", .optional(ClaimStatusCode.description(r.statusCode))),
            ("charge_cents", .optional(r.chargeCents)), ("paid_cents", .int(r.paidCents)),
            ("patient_responsibility_cents", .int(r.patientResponsibilityCents)), ("paid_on", .optional(r.paidOn)),
            ("payer_claim_number", .optional(r.payerClaimNumber)), ("remark_codes", .strings(r.remarkCodes)),
            ("remarks", meanings.remarks(r.remarkCodes)),
            ("source_file", .optional(r.sourceFile)),
            ("adjustments", .array(r.adjustments.filter { $0.level == .claim }.map { adjustment($0, meanings: meanings) })),
            ("service_lines", .array(r.serviceLines.map { line in
                .object([
                    ("line_number", .int(line.lineNumber)), ("procedure", .string(line.procedure)),
                    ("charge_cents", .int(line.chargeCents)), ("paid_cents", .int(line.paidCents)),
                    ("revenue_code", .optional(line.revenueCode)), ("units", .optional(line.units)),
                    ("service_date", .optional(line.serviceDate)), ("service_end_date", .optional(line.serviceEndDate)),
                    ("control_number", .optional(line.controlNumber)), ("allowed_cents", .optional(line.allowedCents)),
                    ("remark_codes", .strings(line.remarkCodes)), ("remarks", meanings.remarks(line.remarkCodes)),
                    ("adjustments", .array(r.adjustments.filter { $0.lineNumber == line.lineNumber }.map { adjustment($0, meanings: meanings) })),
                ])
            })),
        ])
    }

    static func adjustment(_ a: AdjustmentRecord, meanings: CodeMeanings) -> JSONValue {
        .object([("carc_code", .string(a.carc.description)), ("group", .string(a.carc.group.rawValue)),
                 ("group_description", .string(a.carc.group.description)), ("reason", .string(a.carc.code)),
                 ("description", meanings.description(of: a.carc)), ("amount_cents", .int(a.amountCents)), ("level", .string(a.level.rawValue)), ("line_number", .optional(a.lineNumber))])
    }

    static func imbalance(_ i: PostedImbalance) -> JSONValue {
        .object([("level", .string(i.level)), ("claim_number", .optional(i.claimNumber)), ("line_number", .optional(i.lineNumber)),
                 ("expected_cents", .int(i.expectedCents)), ("actual_cents", .int(i.actualCents)), ("difference_cents", .int(i.differenceCents))])
    }

    static func summary(_ s: PostingSummary) -> JSONValue {
        func cases(_ list: [PostedCase]) -> JSONValue {
            .array(list.map { .object([("id", .string($0.id)), ("number", .string($0.number)), ("changes", .strings($0.changes))]) })
        }
        return .object([
            ("remittance_id", .string(s.remittanceId)), ("duplicate", .bool(s.duplicate)),
            ("payer", .object([("id", .string(s.payerId)), ("name", .string(s.payerName))])),
            ("trace_number", .string(s.traceNumber)), ("payment_date", .optional(s.paymentDate)),
            ("total_payment_cents", .int(s.totalPaymentCents)), ("handling_code", .string(s.handlingCode)),
            ("claims_matched", .int(s.claimsMatched)), ("claims_created", .int(s.claimsCreated)), ("reversals", .int(s.reversals)),
            ("denials", .array(s.denials.map { d in
                .object([("claim_id", .string(d.claimId)), ("claim_number", .string(d.claimNumber)), ("kind", .string(d.kind)),
                         ("amount_cents", .int(d.amountCents)), ("carc_codes", .strings(d.carcCodes)), ("remark_codes", .strings(d.remarkCodes)),
                         ("category", .string(d.category)), ("outcome", .string(d.outcome)),
                         ("case", d.caseId.map { .object([("id", .string($0)), ("number", .optional(d.caseNumber))]) } ?? .null),
                         ("rule_id", .optional(d.ruleId))])
            })),
            ("cases_opened", cases(s.casesOpened)), ("cases_updated", cases(s.casesUpdated)),
            ("imbalances", .array(s.imbalances.map(imbalance))), ("warnings", .strings(s.warnings)),
        ])
    }

    /// `{"payments": [summary...], "warnings": [...]}`, handed to `emit` in pieces of about 64 KiB,
    /// one payment at a time: a file of 20,000 payments never exists as one JSON tree or one buffer.
    static func write(_ result: FilePostingResult, to emit: ([UInt8]) throws -> Void) rethrows {
        var out = Array(#"{"payments":["#.utf8)
        for (index, payment) in result.payments.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += summary(payment).serialized()
            if out.count >= 65_536 {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out += Array(#"],"warnings":"#.utf8)
        out += JSONValue.strings(result.warnings).serialized()
        out.append(UInt8(ascii: "}"))
        try emit(out)
    }
}
