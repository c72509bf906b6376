import Testing
@testable import HTTPServer

@Suite("Parser: rejections")
struct ParserRejectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let raw: String
        let status: Int
        var testDescription: String { name }
    }

    static let host = "Host: h\r\n"

    static let cases: [Case] = [
        Case(name: "Content-Length and Transfer-Encoding",
             raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400),
        Case(name: "final coding not chunked",
             raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip\r\n\r\n", status: 400),
        Case(name: "chunked then another coding",
             raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, gzip\r\n\r\n", status: 400),
        Case(name: "chunked twice",
             raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400),
        Case(name: "unsupported coding before chunked",
             raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n", status: 501),
        Case(name: "Transfer-Encoding in HTTP/1.0",
             raw: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400),
        Case(name: "Content-Length values differ",
             raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nContent-Length: 6\r\n\r\n", status: 400),
        Case(name: "Content-Length list differs",
             raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 5, 6\r\n\r\n", status: 400),
        Case(name: "Content-Length negative",
             raw: "POST / HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n", status: 400),
        Case(name: "Content-Length signed",
             raw: "POST / HTTP/1.1\r\n\(host)Content-Length: +5\r\n\r\n", status: 400),
        Case(name: "Content-Length non-digit",
             raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 5a\r\n\r\n", status: 400),
        Case(name: "Content-Length empty",
             raw: "POST / HTTP/1.1\r\n\(host)Content-Length: \r\n\r\n", status: 400),
        Case(name: "Content-Length overflow",
             raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 99999999999999999999999\r\n\r\n", status: 400),
        Case(name: "obs-fold",
             raw: "GET / HTTP/1.1\r\n\(host)X-A: one\r\n two\r\n\r\n", status: 400),
        Case(name: "whitespace before colon",
             raw: "GET / HTTP/1.1\r\nHost : h\r\n\r\n", status: 400),
        Case(name: "header without colon",
             raw: "GET / HTTP/1.1\r\n\(host)Nonsense\r\n\r\n", status: 400),
        Case(name: "NUL in header value",
             raw: "GET / HTTP/1.1\r\n\(host)X-A: a\u{0}b\r\n\r\n", status: 400),
        Case(name: "bare CR in header value",
             raw: "GET / HTTP/1.1\r\n\(host)X-A: a\rb\r\n\r\n", status: 400),
        Case(name: "control byte in header name",
             raw: "GET / HTTP/1.1\r\n\(host)X\u{1}A: b\r\n\r\n", status: 400),
        Case(name: "NUL in request line",
             raw: "GET /a\u{0}b HTTP/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "control byte in method",
             raw: "G\u{7}T / HTTP/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "non-token method",
             raw: "G@T / HTTP/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "double space in request line",
             raw: "GET  / HTTP/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "missing version",
             raw: "GET /\r\n\(host)\r\n", status: 400),
        Case(name: "bare LF in header section",
             raw: "GET / HTTP/1.1\r\nHost: h\n\r\n", status: 400),
        Case(name: "bare LF after request line",
             raw: "GET / HTTP/1.1\nHost: h\r\n\r\n", status: 400),
        Case(name: "missing Host in HTTP/1.1",
             raw: "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", status: 400),
        Case(name: "two Host fields",
             raw: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400),
        Case(name: "unknown method", raw: "BREW / HTTP/1.1\r\n\(host)\r\n", status: 501),
        Case(name: "unknown method (WebDAV)", raw: "PROPFIND /a HTTP/1.1\r\n\(host)\r\n", status: 501),
        Case(name: "lowercase method is unknown", raw: "get / HTTP/1.1\r\n\(host)\r\n", status: 501),
        Case(name: "HTTP/2.0", raw: "GET / HTTP/2.0\r\n\(host)\r\n", status: 505),
        Case(name: "HTTP/1.2", raw: "GET / HTTP/1.2\r\n\(host)\r\n", status: 505),
        Case(name: "HTTP/0.9", raw: "GET / HTTP/0.9\r\n\(host)\r\n", status: 505),
        Case(name: "malformed version", raw: "GET / HTTP/1.10\r\n\(host)\r\n", status: 400),
        Case(name: "lowercase version", raw: "GET / http/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "relative target", raw: "GET cases HTTP/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "authority-form", raw: "CONNECT example.test:443 HTTP/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "fragment in target", raw: "GET /a#b HTTP/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "invalid query escape", raw: "GET /a?x=%zz HTTP/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "truncated query escape", raw: "GET /a?x=%4 HTTP/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "query not UTF-8", raw: "GET /a?x=%C3%28 HTTP/1.1\r\n\(host)\r\n", status: 400),
        Case(name: "chunk size with 17 hex digits",
             raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n00000000000000001\r\nx\r\n", status: 400),
        Case(name: "signed chunk size",
             raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n+1\r\nx\r\n", status: 400),
        Case(name: "chunk size with 0x prefix",
             raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0x1\r\nx\r\n", status: 400),
        Case(name: "chunk data not followed by CRLF",
             raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n", status: 400),
        Case(name: "malformed trailer",
             raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n", status: 400),
    ]

    @Test(arguments: cases)
    func rejected(_ testCase: Case) {
        let events = parse(testCase.raw)
        #expect(events.count == 1)
        #expect(events.last?.errorStatus == testCase.status)
    }

    @Test(arguments: cases)
    func rejectedWhenFedByteByByte(_ testCase: Case) {
        var parser = HTTPRequestParser()
        var events: [HTTPParserEvent] = []
        for byte in testCase.raw.utf8 { events += parser.feed([byte]) }
        #expect(events.last?.errorStatus == testCase.status)
        #expect(events.compactMap(\.request).isEmpty)
    }

    @Test(arguments: ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"])
    func knownMethodsAreAccepted(_ method: String) {
        #expect(parse("\(method) / HTTP/1.1\r\n\(Self.host)\r\n").first?.request?.method == method)
    }

    @Test func http10WithoutHostIsAccepted() {
        #expect(parse("GET / HTTP/1.0\r\n\r\n").first?.request != nil)
    }
}
