import Foundation
import Testing
@testable import HTTPServer

@Suite("Response serialization")
struct ResponseSerializerTests {
    static let date = "Sun, 06 Nov 1994 08:49:37 GMT"

    static func wire(
        _ response: HTTPResponse, head: Bool = false, close: Bool = false, keepAlive10: Bool = false, chunked: Bool = true
    ) -> String {
        String(decoding: ResponseSerializer.serialize(
            response, isHeadRequest: head, close: close, announceKeepAlive: keepAlive10,
            chunkedStream: chunked, date: date), as: UTF8.self)
    }

    static let streamed = HTTPResponse(status: 200, headers: ["Content-Type": "text/plain", "Content-Length": "5"]) {
        try $0.write("never")
    }

    @Test func streamedHeadIsChunkedWithoutLength() {
        #expect(Self.wire(Self.streamed)
            == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: \(Self.date)\r\nTransfer-Encoding: chunked\r\n\r\n")
        #expect(Self.wire(Self.streamed, head: true).hasSuffix("Transfer-Encoding: chunked\r\n\r\n"))
    }

    @Test func streamedHeadForHTTP10HasNoFraming() {
        #expect(Self.wire(Self.streamed, close: true, chunked: false)
            == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: \(Self.date)\r\nConnection: close\r\n\r\n")
    }

    @Test func streamedNoContentHasNoFraming() {
        var response = Self.streamed
        response.status = 204
        #expect(Self.wire(response) == "HTTP/1.1 204 No Content\r\nContent-Type: text/plain\r\nDate: \(Self.date)\r\n\r\n")
    }

    @Test func chunkFraming() {
        #expect(ResponseSerializer.chunkHeader(size: 7919) == Array("1eef\r\n".utf8))
        #expect(ResponseSerializer.chunkHeader(size: 1) == Array("1\r\n".utf8))
        #expect(ResponseSerializer.lastChunk == Array("0\r\n\r\n".utf8))
    }

    @Test func bufferedInitLeavesStreamEmptyAndStreamInitLeavesBodyEmpty() {
        #expect(HTTPResponse(status: 200, body: [1]).stream == nil)
        #expect(Self.streamed.body.isEmpty)
        #expect(Self.streamed.stream != nil)
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
        // The cached current date is the current second's, whichever second the call fell in.
        let before = Int(time(nil))
        let now = IMFFixdate.now()
        let after = Int(time(nil))
        #expect((before...after).map { IMFFixdate.string(secondsSinceEpoch: $0) }.contains(now))
    }
}
