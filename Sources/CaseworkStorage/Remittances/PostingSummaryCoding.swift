import Foundation

/// The stored form of a `PostingSummary`: JSON with snake_case keys, read back by `Decodable`
/// for a duplicate's answer. Written by hand: `JSONEncoder` took 6% of a large posting.
enum PostingSummaryCoding {
    static func encode(_ s: PostingSummary) throws -> String {
        func optional(_ value: Any?) -> Any { value ?? NSNull() }
        let object: [String: Any] = [
            "remittance_id": s.remittanceId, "duplicate": s.duplicate, "payer_id": s.payerId, "payer_name": s.payerName,
            "trace_number": s.traceNumber, "payment_date": optional(s.paymentDate), "total_payment_cents": s.totalPaymentCents,
            "handling_code": s.handlingCode, "claims_matched": s.claimsMatched, "claims_created": s.claimsCreated,
            "reversals": s.reversals, "warnings": s.warnings,
            "denials": s.denials.map { d -> [String: Any] in
                ["claim_id": d.claimId, "claim_number": d.claimNumber, "kind": d.kind, "amount_cents": d.amountCents,
                 "carc_codes": d.carcCodes, "remark_codes": d.remarkCodes, "category": d.category, "outcome": d.outcome,
                 "case_id": optional(d.caseId), "case_number": optional(d.caseNumber), "rule_id": optional(d.ruleId)]
            },
            "cases_opened": s.casesOpened.map(Self.postedCase), "cases_updated": s.casesUpdated.map(Self.postedCase),
            "imbalances": s.imbalances.map { i -> [String: Any] in
                ["level": i.level, "claim_number": optional(i.claimNumber), "line_number": optional(i.lineNumber),
                 "expected_cents": i.expectedCents, "actual_cents": i.actualCents, "difference_cents": i.differenceCents]
            },
        ]
        return JSONText.encode(object)
    }

    static func postedCase(_ c: PostedCase) -> [String: Any] {
        ["id": c.id, "number": c.number, "changes": c.changes]
    }

    static func decode(_ text: String) throws -> PostingSummary {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PostingSummary.self, from: Data(text.utf8))
    }
}
