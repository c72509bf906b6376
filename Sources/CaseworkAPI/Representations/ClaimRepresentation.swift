import CaseworkDomain
import CaseworkUseCases

/// JSON shapes of claims and submissions (money in integer cents, dates YYYY-MM-DD).
enum ClaimRepresentation {
    static func submission(_ s: Submission) -> JSONValue {
        .object([
            ("id", .string(s.id)), ("claim_id", .string(s.claimID)), ("sequence", .int(s.sequence)),
            ("frequency_code", .string(s.frequencyCode.rawValue)), ("submitted_on", .optional(s.submittedOn?.description)),
            ("payer_claim_number", .optional(s.payerClaimNumber)),
        ])
    }

    /// The amounts block shared by claims and case claim rows.
    static func amounts(_ a: ClaimAmounts) -> [(String, JSONValue)] {
        [
            ("billed_cents", .int(a.billed.amount)), ("expected_cents", .int(a.expected.amount)),
            ("paid_cents", .int(a.paid.amount)), ("cost_share_cents", .int(a.costShare.amount)),
            ("cost_share_paid_cents", .int(a.costSharePaid.amount)), ("write_off_cents", .int(a.writeOff.amount)),
            ("outstanding_cents", .int(a.outstanding.amount)),
            ("cost_share_outstanding_cents", .int(a.costShareOutstanding.amount)),
        ]
    }

    static func claimFields(_ c: Claim) -> [(String, JSONValue)] {
        [
            ("id", .string(c.id)), ("claim_number", .string(c.claimNumber)), ("payer_id", .string(c.payerID)),
            ("patient_id", .optional(c.patientID)), ("service_start", .optional(c.serviceStart?.description)),
            ("service_end", .optional(c.serviceEnd?.description)),
        ] + amounts(c.amounts) + [
            ("denied", .bool(c.isDenied)), ("denial_carc_codes", .strings(c.denialReasons.map(\.description))),
        ]
    }

    /// A claim with its submissions, age and active case; `today` (the organization's) counts its age.
    static func claim(_ record: ClaimRecord, today: Day) -> JSONValue {
        let age = record.claim.agingStart(submissions: record.submissions).map { AgingBucket.age(from: $0, to: today) }
        return .object(claimFields(record.claim) + [
            ("age_days", .optional(age)), ("aging_bucket", .optional(age.map { AgingBucket(ageDays: $0).rawValue })),
            ("submissions", .array(record.submissions.map(submission))),
            ("active_case", record.activeCase.map(caseReference) ?? .null),
        ])
    }

    /// The claim with its remittance history, denial and deadlines (`GET /v1/claims/{id}`).
    static func detail(_ d: ClaimDetail, today: Day, meanings: CodeMeanings) -> JSONValue {
        guard case .object(var members) = claim(d.record, today: today) else { return .null }
        members += [
            ("denial", d.denial.map { denial in
                .object([
                    ("kind", .string(denial.kind)), ("amount_cents", .int(denial.amountCents)), ("category", .string(denial.category)),
                    ("reasons", .array(denial.reasons.map {
                        .object([("carc_code", .string($0.carc.description)), ("description", meanings.description(of: $0.carc)),
                                 ("amount_cents", .int($0.amountCents)), ("category", .string($0.category))])
                    })),
                    ("remark_codes", .strings(denial.remarkCodes)), ("remarks", meanings.remarks(denial.remarkCodes)),
                ])
            } ?? .null),
            ("appeal_deadline", .optional(d.appealDeadline?.description)), ("filing_deadline", .optional(d.filingDeadline?.description)),
            ("remittances", .array(d.remittances.map { RemittanceRepresentation.remit($0, meanings: meanings) })),
        ]
        return .object(members)
    }

    static func caseReference(_ ref: CaseReference) -> JSONValue {
        .object([("id", .string(ref.id)), ("number", .string(ref.number.description))])
    }
}
