import Testing
@testable import CaseworkAPI

@Suite("Request ids")
struct RequestIDTests {
    @Test func idsArePrefixDashAndTwelveDigitsCountingUp() {
        let ids = RequestIDs()
        let first = ids.next(), second = ids.next()
        let prefix = String(first.prefix(13))
        #expect(first.count == 26 && second.count == 26)
        #expect(first == prefix + "-000000000001")
        #expect(second == prefix + "-000000000002")
        #expect(RequestIDs.isAcceptable(first))
    }

    @Test func idsFromManyThreadsAreUnique() async {
        let ids = RequestIDs()
        let made = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { (0..<1_000).map { _ in ids.next() } } }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(made).count == 8_000)
    }

    @Test func aClientIDIsUsedOnlyWhenItIsShortAndPlain() {
        #expect(RequestIDs.isAcceptable("abc-DEF-0129"))
        #expect(RequestIDs.isAcceptable(String(repeating: "a", count: 64)))
        for refused in ["", String(repeating: "a", count: 65), "a b", "a=b", "id\n", "é", "a_b", "x;route=/"] {
            #expect(!RequestIDs.isAcceptable(refused), "\(refused)")
        }
    }
}
