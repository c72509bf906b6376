import Foundation
import Testing
import CaseworkUseCases

@Suite struct IdentifierTests {
    @Test func isKindThen32LowerCaseHexDigits() {
        let id = Identifier.make("clm")
        #expect(id.hasPrefix("clm_"))
        let digits = id.dropFirst(4)
        #expect(digits.count == 32)
        #expect(digits.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func startsWithTheMillisecondsSince1970() throws {
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        let id = Identifier.make("case")
        let after = UInt64(Date().timeIntervalSince1970 * 1000)
        let millis = try #require(UInt64(id.dropFirst(5).prefix(12), radix: 16))
        #expect(millis >= before && millis <= after)
    }

    @Test func idsMadeInOrderHaveNonDecreasingTimePrefixesAndNoTwoAreEqual() {
        let ids = (0..<2_000).map { _ in Identifier.make("rem") }
        // "rem_" then 12 hex digits of milliseconds: made later, never sorted earlier.
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0.prefix(16) <= $1.prefix(16) })
        #expect(Set(ids).count == ids.count)
    }
}
