import Testing
@testable import HTTPServer

@Suite("Query parameters and headers")
struct QueryAndHeadersTests {
    @Test func formDecoding() throws {
        let query = try #require(QueryParameters(decoding: "a=1+2&b=%20x%2By&a=3&&flag&empty=&%C3%A9=%E2%82%AC"))
        #expect(query["a"] == "1 2")
        #expect(query.values("a") == ["1 2", "3"])
        #expect(query["b"] == " x+y")
        #expect(query["flag"] == "")
        #expect(query["empty"] == "")
        #expect(query["é"] == "€")
        #expect(query["missing"] == nil)
        #expect(query.pairs.count == 6)
    }

    @Test func decodingHappensOnce() throws {
        #expect(try #require(QueryParameters(decoding: "x=%2520"))["x"] == "%20")
    }

    @Test(arguments: ["x=%", "x=%4", "x=%G0", "x=%C3", "%ZZ=1"])
    func invalidEscapesAreRejected(_ raw: String) {
        #expect(QueryParameters(decoding: Substring(raw)) == nil)
    }

    @Test func requestInitNeverThrows() {
        let good = HTTPRequest(method: "GET", target: "/a/b?x=1+1")
        #expect(good.path == "/a/b")
        #expect(good.query["x"] == "1 1")
        let bad = HTTPRequest(method: "GET", target: "/a?x=%zz")
        #expect(bad.path == "/a")
        #expect(bad.query.pairs.isEmpty)
        let odd = HTTPRequest(method: "GET", target: "weird?y=2")
        #expect(odd.path == "weird")
        #expect(odd.query["y"] == "2")
    }

    @Test func headersAreCaseInsensitiveAndOrdered() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain"]
        headers.add("X-Tag", "a")
        headers.add("x-tag", "b")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers.values("X-TAG") == ["a", "b"])
        #expect(headers.contains("X-Tag"))
        headers.set("X-Tag", "c")
        #expect(headers.values("x-tag") == ["c"])
        #expect(headers.map(\.name) == ["Content-Type", "X-Tag"])
        headers.remove("CONTENT-TYPE")
        #expect(!headers.contains("content-type"))
        #expect(headers["nope"] == nil)
        let fromPairs = HTTPHeaders([("A", "1"), ("a", "2")])
        #expect(fromPairs.values("A") == ["1", "2"])
    }
}
