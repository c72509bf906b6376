import Testing
@testable import HTTPServer

/// `HTTPRequest.condition(_:names:)`: If-Match compares strongly, If-None-Match weakly (RFC 9110
/// §13.1.1, §13.1.2), over every field line (§5.3), with commas allowed inside a tag.
@Suite struct ConditionalRequestTests {
    private func request(_ fields: [(String, String)]) -> HTTPRequest {
        HTTPRequest(method: "GET", target: "/x", headers: HTTPHeaders(fields))
    }

    @Test func ifNoneMatchIsWeakAndIfMatchStrong() {
        let weakListed = request([("If-None-Match", "W/\"r1-ab\""), ("If-Match", "W/\"r1-ab\"")])
        #expect(weakListed.condition("If-None-Match", names: "\"r1-ab\""))
        #expect(!weakListed.condition("If-Match", names: "\"r1-ab\""))
        let strongListed = request([("If-Match", "\"r1-ab\"")])
        #expect(strongListed.condition("If-Match", names: "\"r1-ab\""))
        #expect(!strongListed.condition("If-Match", names: "W/\"r1-ab\""))
    }

    @Test func everyFieldLineAndListElementCounts() {
        let lines = request([("If-Match", "\"a\", \"b,c\""), ("if-match", "\"d\"")])
        for tag in ["\"a\"", "\"b,c\"", "\"d\""] { #expect(lines.condition("If-Match", names: tag), "\(tag)") }
        #expect(!lines.condition("If-Match", names: "\"b\""))
        #expect(!lines.condition("If-None-Match", names: "\"a\""))
    }

    @Test func aStarNamesEverythingAndAMalformedLineNothing() {
        #expect(request([("If-None-Match", " * ")]).condition("If-None-Match", names: "\"anything\""))
        let malformed = request([("If-Match", "\"a\" junk"), ("If-Match", "a")])
        #expect(!malformed.condition("If-Match", names: "\"a\""))
        #expect(!request([]).condition("If-Match", names: "\"a\""))
    }
}
