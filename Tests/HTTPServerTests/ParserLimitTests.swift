import Testing
@testable import HTTPServer

@Suite("Parser: limits")
struct ParserLimitTests {
    static let small = HTTPParserLimits(maxRequestLineBytes: 64, maxHeaderBytes: 128, maxHeaderCount: 4, maxBodyBytes: 16)

    @Test func requestLineAtTheLimitIsAccepted() {
        let target = "/" + String(repeating: "a", count: 64 - "GET  HTTP/1.1".count - 1)
        let line = "GET \(target) HTTP/1.1"
        #expect(line.utf8.count == 64)
        #expect(parse("\(line)\r\nHost: h\r\n\r\n", limits: Self.small).first?.request != nil)
    }

    @Test func longRequestLineIs414() {
        let target = "/" + String(repeating: "a", count: 64)
        #expect(parse("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n", limits: Self.small).first?.errorStatus == 414)
    }

    @Test func longRequestLineIs414BeforeItsEndArrives() {
        var parser = HTTPRequestParser(limits: Self.small)
        let events = parser.feed(Array(("GET /" + String(repeating: "a", count: 100)).utf8))
        #expect(events.first?.errorStatus == 414)
    }

    @Test func tooManyHeadersIs431() {
        let fields = (1...5).map { "X-\($0): v\r\n" }.joined()
        #expect(parse("GET / HTTP/1.1\r\n\(fields)\r\n", limits: Self.small).first?.errorStatus == 431)
        let four = (1...3).map { "X-\($0): v\r\n" }.joined()
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\n\(four)\r\n", limits: Self.small).first?.request != nil)
    }

    @Test func largeHeaderSectionIs431() {
        let big = "X-Big: " + String(repeating: "v", count: 130) + "\r\n"
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\n\(big)\r\n", limits: Self.small).first?.errorStatus == 431)
        var parser = HTTPRequestParser(limits: Self.small)
        let partial = parser.feed(Array("GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(String(repeating: "v", count: 200))".utf8))
        #expect(partial.first?.errorStatus == 431)
    }

    @Test func headerSectionExactlyAtTheLimitIsAccepted() {
        // "Host: h\r\n" (9) + field line + final "\r\n" (2) == 128
        let value = String(repeating: "v", count: 128 - 9 - 2 - "X-Fill: \r\n".utf8.count)
        let text = "GET / HTTP/1.1\r\nHost: h\r\nX-Fill: \(value)\r\n\r\n"
        let events = parse(text, limits: Self.small)
        #expect(events.first?.request != nil, "\(summary(events))")
        let over = "GET / HTTP/1.1\r\nHost: h\r\nX-Fill: \(value)v\r\n\r\n"
        #expect(parse(over, limits: Self.small).first?.errorStatus == 431)
    }

    @Test func declaredBodyOverTheLimitIs413BeforeAnyBodyByte() {
        let events = parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 17\r\n\r\n", limits: Self.small)
        #expect(events.count == 1)
        #expect(events.first?.errorStatus == 413)   // and no .expectContinue
    }

    @Test func hugeDeclaredBodyIs413() {
        #expect(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9000000000000000000\r\n\r\n").first?.errorStatus == 413)
    }

    @Test func bodyAtTheLimitIsAccepted() {
        let body = String(repeating: "b", count: 16)
        #expect(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 16\r\n\r\n\(body)", limits: Self.small).first?.request?.body.count == 16)
    }

    @Test func chunkedBodyOverTheLimitIs413() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n9\r\n"
        #expect(parse(text, limits: Self.small).last?.errorStatus == 413)
        let huge = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n"
        #expect(parse(huge).last?.errorStatus == 413)
    }

    @Test func longChunkExtensionIs400() {
        let ext = String(repeating: "e", count: 5000)
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;\(ext)\r\nx\r\n0\r\n\r\n"
        #expect(parse(text).last?.errorStatus == 400)
    }

    /// Found by the fuzzer: an over-long line ending in a bare LF got 400 when it arrived whole
    /// but 414/431 when it arrived in pieces. The verdict must not depend on the split.
    @Test(arguments: [
        ("GET /" + String(repeating: "a", count: 70) + "\n", true, 414),
        ("GET /" + String(repeating: "a", count: 8200) + "\n", false, 414),
        ("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "v", count: 200) + "\n", true, 431),
        ("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "v", count: 33000) + "\n", false, 431),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 5000) + "\n", false, 400),
    ])
    func overlongLinesEndingInBareLFGetOneVerdictWhateverTheSplit(_ input: (String, Bool, Int)) {
        let (text, small, status) = input
        let limits = small ? Self.small : HTTPParserLimits()
        let whole = parse(text, limits: limits).last
        let byteByByte = parse(text.map { String($0) }, limits: limits).last
        #expect(whole?.errorStatus == status)
        #expect(byteByByte?.errorStatus == status)
        if case .error(let a)? = whole, case .error(let b)? = byteByByte { #expect(a == b) }
    }
}
