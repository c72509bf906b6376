import Testing
@testable import HTTPServer

@Suite("Parser: well-formed requests")
struct ParserTests {
    @Test func simpleGET() throws {
        let events = parse("GET /v1/cases?page=2&q=a+b HTTP/1.1\r\nHost: example.test\r\nAccept: */*\r\n\r\n")
        #expect(events.count == 1)
        let request = try #require(events.first?.request)
        #expect(request.method == "GET")
        #expect(request.target == "/v1/cases?page=2&q=a+b")
        #expect(request.path == "/v1/cases")
        #expect(request.query["page"] == "2")
        #expect(request.query["q"] == "a b")
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "example.test")
        #expect(request.headers["ACCEPT"] == "*/*")
        #expect(request.body.isEmpty)
        #expect(request.wantsKeepAlive)
    }

    static let splitSample =
        "POST /v1/items/a%20b?x=%41&y=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\nX-Note:  padded \t\r\n\r\nhello world"
        + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n"

    @Test func everySplitPositionGivesTheSameResult() {
        let whole = summary(parse(Self.splitSample))
        #expect(whole.count == 2)
        let bytes = Array(Self.splitSample.utf8)
        for cut in 0...bytes.count {
            var parser = HTTPRequestParser()
            let events = parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...])
            #expect(summary(events) == whole, "split at \(cut)")
        }
    }

    @Test func byteByByteFeedGivesTheSameResult() {
        var parser = HTTPRequestParser()
        var events: [HTTPParserEvent] = []
        for byte in Self.splitSample.utf8 { events += parser.feed([byte]) }
        #expect(summary(events) == summary(parse(Self.splitSample)))
        #expect(parser.isIdle)
    }

    @Test func headerValueIsTrimmedAndOrderKept() throws {
        let request = try #require(parse(Self.splitSample).first?.request)
        #expect(request.headers["x-note"] == "padded")
        #expect(request.headers.map(\.name) == ["Host", "Content-Length", "X-Note"])
        #expect(request.body == Array("hello world".utf8))
        #expect(request.path == "/v1/items/a%20b")
        #expect(request.query["x"] == "A")
    }

    @Test func twoPipelinedRequests() {
        let events = parse("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(events.compactMap(\.request).map(\.path) == ["/a", "/b"])
    }

    @Test func threePipelinedRequestsWithBodies() {
        let events = parse(
            "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
            + "GET /b HTTP/1.1\r\nHost: h\r\n\r\n"
            + "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n")
        let requests = events.compactMap(\.request)
        #expect(requests.map(\.path) == ["/a", "/b", "/c"])
        #expect(requests.map { String(decoding: $0.body, as: UTF8.self) } == ["abc", "", "xy"])
    }

    @Test func contentLengthBodySplitAcrossFeeds() throws {
        var parser = HTTPRequestParser()
        #expect(parser.feed(Array("PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123".utf8)).isEmpty)
        #expect(parser.feed(Array("45".utf8)).isEmpty)
        let events = parser.feed(Array("6789GET".utf8))
        let request = try #require(events.first?.request)
        #expect(events.count == 1)
        #expect(request.body == Array("0123456789".utf8))
        #expect(parser.hasPartialHead)   // "GET" of the next request is buffered
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let events = parse(
            "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nWiki\r\n5 ; quoted=\"a;b\"\r\npedia\r\nA\r\n in chunks\r\n"
            + "0;last\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n")
        let request = try #require(events.first?.request)
        #expect(events.count == 1)
        #expect(String(decoding: request.body, as: UTF8.self) == "Wikipedia in chunks")
        #expect(!request.headers.contains("X-Checksum"))   // trailers are dropped
    }

    @Test func chunkedBodySplitEverywhere() {
        let text = "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3;x=y\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nT: v\r\n\r\n"
        let whole = summary(parse(text))
        #expect(whole.count == 1)
        let bytes = Array(text.utf8)
        for cut in 0...bytes.count {
            var parser = HTTPRequestParser()
            #expect(summary(parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...])) == whole)
        }
    }

    /// DESIGN §7: a repeated Content-Length is refused even when the values agree (RFC 9112 §6.3
    /// allows either); one value is read.
    @Test func repeatedContentLengthIsRefusedEvenWhenIdentical() throws {
        for head in ["Content-Length: 2\r\nContent-Length: 2", "Content-Length: 2, 2", "Content-Length: 2,"] {
            let events = parse("POST / HTTP/1.1\r\nHost: h\r\n\(head)\r\n\r\nok")
            #expect(events.first?.errorStatus == 400, "\(head)")
        }
        let events = parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok")
        #expect(try #require(events.first?.request).body == Array("ok".utf8))
    }

    @Test func leadingEmptyLinesAreIgnored() {
        #expect(parse("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n").compactMap(\.request).count == 1)
    }

    @Test func http10KeepAliveSemantics() throws {
        let plain = try #require(parse("GET / HTTP/1.0\r\n\r\n").first?.request)
        #expect(plain.version == .http1_0)
        #expect(!plain.wantsKeepAlive)
        let keep = try #require(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").first?.request)
        #expect(keep.wantsKeepAlive)
        let both = try #require(parse("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n").first?.request)
        #expect(!both.wantsKeepAlive)
        let http11 = try #require(parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n").first?.request)
        #expect(http11.wantsKeepAlive)
        let closing = try #require(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: foo, CLOSE\r\n\r\n").first?.request)
        #expect(!closing.wantsKeepAlive)
    }

    @Test func expectContinueIsAnnouncedBeforeTheBody() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"
        var parser = HTTPRequestParser()
        let first = parser.feed(Array(head.utf8))
        #expect(first.count == 1 && first[0].isExpectContinue)
        #expect(parser.feed(Array("abc".utf8)).compactMap(\.request).count == 1)
    }

    @Test func expectContinueIsNotAnnouncedWithoutBodyOrForHTTP10() {
        #expect(!parse("GET / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n\r\n").contains { $0.isExpectContinue })
        #expect(!parse("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx").contains { $0.isExpectContinue })
    }

    @Test func asteriskFormOnlyForOptions() throws {
        let request = try #require(parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").first?.request)
        #expect(request.path == "*")
        #expect(parse("GET * HTTP/1.1\r\nHost: h\r\n\r\n").first?.errorStatus == 400)
    }

    @Test func absoluteFormTakesThePath() throws {
        let request = try #require(parse("GET http://example.test/v1/x?a=1 HTTP/1.1\r\nHost: h\r\n\r\n").first?.request)
        #expect(request.path == "/v1/x")
        #expect(request.query["a"] == "1")
        let bare = try #require(parse("GET HTTP://example.test HTTP/1.1\r\nHost: h\r\n\r\n").first?.request)
        #expect(bare.path == "/")
    }

    @Test func parserIgnoresInputAfterAnError() {
        var parser = HTTPRequestParser()
        let events = parser.feed(Array("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
        #expect(events.count == 1 && events[0].errorStatus == 400)
        #expect(parser.feed(Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8)).isEmpty)
        #expect(parser.hasFailed)
    }

    @Test func requestsBeforeAnErrorAreStillDelivered() {
        let events = parse("GET /ok HTTP/1.1\r\nHost: h\r\n\r\nGET /bad HTTP/9.9\r\n\r\n")
        #expect(events.count == 2)
        #expect(events[0].request?.path == "/ok")
        #expect(events[1].errorStatus == 505)
    }
}
