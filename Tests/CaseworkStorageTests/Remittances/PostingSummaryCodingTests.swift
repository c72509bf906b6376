import CaseworkUseCases
import Testing
@testable import CaseworkStorage

@Suite struct PostingSummaryCodingTests {
    @Test func whatIsStoredReadsBackEqual() throws {
        let summary = PostingSummary(
            remittanceId: "rmt_1", duplicate: false, payerId: "pay_1", payerName: "Acme \"Health\"", traceNumber: "T-1",
            paymentDate: "2026-11-02", totalPaymentCents: -1250, handlingCode: "C", claimsMatched: 2, claimsCreated: 1, reversals: 1,
            denials: [PostedDenial(claimId: "clm_1", claimNumber: "A-1", kind: "denial", amountCents: 900, carcCodes: ["CO-16", "OA-18"],
                                   remarkCodes: ["N20"], category: "missing information", outcome: "case_opened", caseId: "case_1",
                                   caseNumber: "CASE-000001", ruleId: nil)],
            casesOpened: [PostedCase(id: "case_1", number: "CASE-000001", changes: ["opened"])], casesUpdated: [],
            imbalances: [PostedImbalance(level: "line", claimNumber: "A-1", lineNumber: 2, expectedCents: 100, actualCents: 90, differenceCents: -10),
                         PostedImbalance(level: "payment", claimNumber: nil, lineNumber: nil, expectedCents: 5, actualCents: 6, differenceCents: 1)],
            warnings: ["Trace number T-1 was used before"])
        #expect(try PostingSummaryCoding.decode(PostingSummaryCoding.encode(summary)) == summary)
        var other = summary
        other.paymentDate = nil
        #expect(try PostingSummaryCoding.decode(PostingSummaryCoding.encode(other)) == other)
    }
}
