import Testing
@testable import CaseworkDomain

@Suite struct ClaimCorrectionTests {
    let amounts = ClaimAmounts(billed: Cents(12_000), expected: Cents(10_000), paid: Cents(2_000), costShare: Cents(500),
                               writeOff: Cents(1_000))

    @Test func outstandingFollowsACorrection() throws {
        let after = try ClaimCorrection(expected: Cents(9_000), writeOff: Cents(1_500)).applied(to: amounts)
        #expect(after.outstanding == Cents(5_000) && after.paid == amounts.paid && after.billed == amounts.billed)
        #expect(try ClaimCorrection().applied(to: amounts) == amounts)
        // The whole remainder may be written off, and an expected amount at what was billed is fine.
        #expect(try ClaimCorrection(expected: Cents(12_000), writeOff: Cents(9_500)).applied(to: amounts).outstanding == .zero)
    }

    @Test func everyProblemIsListed() {
        #expect(throws: ClaimCorrectionError(problems: [
            .init(member: "expected_cents", detail: "Use 0 to the billed amount (12000 cents)."),
            .init(member: "write_off_cents", detail: "Use 0 to what remains to collect (expected − paid − cost share = 7500 cents)."),
        ])) { try ClaimCorrection(expected: Cents(12_001), writeOff: Cents(-1)).applied(to: amounts) }
        // Lowering the expected amount under the kept write-off needs a new write-off too.
        #expect(throws: ClaimCorrectionError.self) { try ClaimCorrection(expected: Cents(3_000)).applied(to: amounts) }
        #expect(throws: Never.self) { try ClaimCorrection(expected: Cents(3_000), writeOff: Cents(500)).applied(to: amounts) }
        // Paid beyond the expected amount (an overpayment) leaves nothing to write off.
        #expect(throws: ClaimCorrectionError.self) { try ClaimCorrection(expected: Cents(1_000), writeOff: Cents(1)).applied(to: amounts) }
        #expect(throws: Never.self) { try ClaimCorrection(expected: Cents(1_000), writeOff: .zero).applied(to: amounts) }
    }
}
