import CaseworkUseCases
import Foundation

/// The stored form of a `PostingSummary`: JSON with snake_case keys, read back by `Decodable`
/// for a duplicate's answer. Written by hand: `JSONEncoder` took 6% of a large posting.
enum PostingSummaryCoding {
    static func encode(_ s: PostingSummary) throws -> String {
        var o = JSONObjectText()
        o.add("remittance_id", s.remittanceId); o.add("duplicate", s.duplicate); o.add("payer_id", s.payerId)
        o.add("payer_name", s.payerName); o.add("trace_number", s.traceNumber); o.add("payment_date", s.paymentDate)
        o.add("total_payment_cents", s.totalPaymentCents); o.add("handling_code", s.handlingCode)
        o.add("claims_matched", s.claimsMatched); o.add("claims_created", s.claimsCreated); o.add("reversals", s.reversals)
        o.add("warnings", s.warnings)
        o.add("denials", objects: s.denials.map { d in
            var o = JSONObjectText()
            o.add("claim_id", d.claimId); o.add("claim_number", d.claimNumber); o.add("kind", d.kind); o.add("amount_cents", d.amountCents)
            o.add("carc_codes", d.carcCodes); o.add("remark_codes", d.remarkCodes); o.add("category", d.category)
            o.add("outcome", d.outcome); o.add("case_id", d.caseId); o.add("case_number", d.caseNumber); o.add("rule_id", d.ruleId)
            return o
        })
        o.add("cases_opened", objects: s.casesOpened.map(Self.postedCase))
        o.add("cases_updated", objects: s.casesUpdated.map(Self.postedCase))
        o.add("imbalances", objects: s.imbalances.map { i in
            var o = JSONObjectText()
            o.add("level", i.level); o.add("claim_number", i.claimNumber); o.add("line_number", i.lineNumber)
            o.add("expected_cents", i.expectedCents); o.add("actual_cents", i.actualCents); o.add("difference_cents", i.differenceCents)
            return o
        })
        return o.text
    }

    static func postedCase(_ c: PostedCase) -> JSONObjectText {
        var o = JSONObjectText()
        o.add("id", c.id); o.add("number", c.number); o.add("changes", c.changes)
        return o
    }

    static func decode(_ text: String) throws -> PostingSummary {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PostingSummary.self, from: Data(text.utf8))
    }
}
