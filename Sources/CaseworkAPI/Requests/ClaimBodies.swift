import CaseworkDomain

/// Body of `POST /v1/claims/{id}/submissions` and a member of `POST /v1/claims`.
struct CreateSubmissionBody: Decodable {
    let frequency_code: String
    let submitted_on: String?
    let payer_claim_number: String?

    func validated(_ v: inout FieldValidation, at pointer: String) -> NewSubmission? {
        let code = v.choice(frequency_code, FrequencyCode.self, at: pointer + "/frequency_code")
        let day = submitted_on.flatMap { v.day($0, at: pointer + "/submitted_on") }
        if let payer_claim_number { _ = v.text(payer_claim_number, at: pointer + "/payer_claim_number", limit: 50) }
        guard let code else { return nil }
        return NewSubmission(frequencyCode: code, submittedOn: day, payerClaimNumber: payer_claim_number)
    }
}

/// Body of `POST /v1/claims`. Amounts in integer cents; paid, cost share and write-off default to 0.
struct CreateClaimBody: Decodable {
    let claim_number: String
    let payer_id: String
    let patient_id: String?
    let service_start: String?
    let service_end: String?
    let billed_cents: Int
    let expected_cents: Int
    let paid_cents: Int?
    let cost_share_cents: Int?
    let cost_share_paid_cents: Int?
    let write_off_cents: Int?
    /// CARCs of the payer's adjustments (e.g. from its 835), used to detect a denial.
    let adjustment_carc_codes: [String]?
    let submissions: [CreateSubmissionBody]?

    func validated() throws -> NewClaim {
        var v = FieldValidation()
        let number = v.text(claim_number, at: "/claim_number", limit: 50)
        let start = service_start.flatMap { v.day($0, at: "/service_start") }
        let end = service_end.flatMap { v.day($0, at: "/service_end") }
        if let start, let end, end < start { v.fail("/service_end", "Must not be before service_start.") }
        let limit = 100_000_000_000
        for (name, value) in [("billed_cents", billed_cents), ("expected_cents", expected_cents), ("paid_cents", paid_cents ?? 0),
                              ("cost_share_cents", cost_share_cents ?? 0), ("cost_share_paid_cents", cost_share_paid_cents ?? 0),
                              ("write_off_cents", write_off_cents ?? 0)] where value.magnitude > UInt(limit) {
            v.fail("/\(name)", "Out of range.")
        }
        if billed_cents < 0 { v.fail("/billed_cents", "Must not be negative.") }
        let carcs = v.carcs(adjustment_carc_codes ?? [], at: "/adjustment_carc_codes")
        v.count(submissions ?? [], at: "/submissions", limit: 100)
        v.count(adjustment_carc_codes ?? [], at: "/adjustment_carc_codes", limit: CreateCaseBody.maximumLabels)
        let subs = (submissions ?? []).enumerated().compactMap { $0.element.validated(&v, at: "/submissions/\($0.offset)") }
        try v.check()
        let amounts = ClaimAmounts(billed: Cents(billed_cents), expected: Cents(expected_cents), paid: Cents(paid_cents ?? 0),
                                   costShare: Cents(cost_share_cents ?? 0), costSharePaid: Cents(cost_share_paid_cents ?? 0),
                                   writeOff: Cents(write_off_cents ?? 0))
        // The adjustments stand for one remittance so that the denial rule sees them.
        let remittances = carcs.isEmpty && paid_cents == nil ? [] : [Remittance(
            statusCode: "1", paid: amounts.paid, patientResponsibility: amounts.costShare, paidOn: nil,
            adjustments: carcs.map { RemittanceAdjustment(carc: $0, amount: .zero, level: .claim) }, remarkCodes: [], sourceFile: nil)]
        return NewClaim(claimNumber: number ?? "", payerID: payer_id, patientID: patient_id, serviceStart: start, serviceEnd: end,
                        amounts: amounts, submissions: subs, remittances: remittances)
    }
}
