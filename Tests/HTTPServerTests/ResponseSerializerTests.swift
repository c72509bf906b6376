import Testing
@testable import HTTPServer

@Suite("Response serialization")
struct ResponseSerializerTests {
    static let date = "Sun, 06 Nov 1994 08:49:37 GMT"

    static func wire(_ response: HTTPResponse, head: Bool = false, close: Bool = false, keepAlive10: Bool = false) -> String {
        String(decoding: ResponseSerializer.serialize(
            response, isHeadRequest: head, close: close, announceKeepAlive: keepAlive10, date: date), as: UTF8.self)
    }

    @Test func addsDateAndContentLength() {
        let text = Self.wire(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Array("hi".utf8)))
        #expect(text == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: \(Self.date)\r\nContent-Length: 2\r\n\r\nhi")
    }

    @Test func replacesResponderFramingAndKeepsOtherHeaders() {
        let response = HTTPResponse(status: 201, headers: [
            "Content-Length": "999", "Transfer-Encoding": "chunked", "Location": "/v1/cases/1", "Connection": "upgrade",
        ], body: Array("{}".utf8))
        let text = Self.wire(response, close: true)
        #expect(text == "HTTP/1.1 201 Created\r\nLocation: /v1/cases/1\r\nDate: \(Self.date)\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
    }

    @Test func headKeepsLengthAndDropsBody() {
        let text = Self.wire(HTTPResponse(status: 200, body: Array("hello".utf8)), head: true)
        #expect(text.hasSuffix("Content-Length: 5\r\n\r\n"))
    }

    @Test func noContentHasNoLengthOrBody() {
        let text = Self.wire(HTTPResponse(status: 204, body: Array("ignored".utf8)))
        #expect(text == "HTTP/1.1 204 No Content\r\nDate: \(Self.date)\r\n\r\n")
    }

    @Test func http10KeepAliveIsAnnounced() {
        #expect(Self.wire(HTTPResponse(status: 200), keepAlive10: true).contains("Connection: keep-alive\r\n"))
    }

    @Test func unsafeHeadersAreDropped() {
        let response = HTTPResponse(status: 200, headers: HTTPHeaders([("X-Evil", "a\r\nSet-Cookie: x"), ("Bad Name", "v"), ("X-Ok", "fine")]))
        let text = Self.wire(response)
        #expect(!text.contains("Evil"))
        #expect(!text.contains("Bad Name"))
        #expect(text.contains("X-Ok: fine\r\n"))
    }

    @Test func invalidStatusBecomes500() {
        #expect(Self.wire(HTTPResponse(status: 42)).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
    }

    @Test func problemDetailsBody() {
        let problem = HTTPResponse.problem(status: 404, type: "/problems/not-found", title: "Not Found", detail: "No \"case\" here\n")
        #expect(problem.status == 404)
        #expect(problem.headers["Content-Type"] == "application/problem+json")
        #expect(String(decoding: problem.body, as: UTF8.self)
            == #"{"type":"/problems/not-found","title":"Not Found","status":404,"detail":"No \"case\" here\n"}"#)
    }

    @Test func imfFixdate() {
        #expect(IMFFixdate.string(secondsSinceEpoch: 784111777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(IMFFixdate.string(secondsSinceEpoch: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}
