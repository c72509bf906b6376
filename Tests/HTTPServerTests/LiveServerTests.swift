import Dispatch
import Testing
@testable import HTTPServer

@Suite("Live server: protocol")
struct LiveServerTests {
    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        try withServer { server, port in
            let client = try TestClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let first = try client.readResponse()
            #expect(first.status == 200)
            #expect(first.text == "hello")
            #expect(first.header("Content-Length") == "5")
            #expect(first.header("Date")?.hasSuffix(" GMT") == true)
            #expect(first.header("Content-Type") == "text/plain")
            #expect(first.header("Connection") == nil)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")
            let second = try client.readResponse()
            #expect(second.text == "abc")
            #expect(server.connectionCount == 1)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer { _, port in
            let client = try TestClient(port: port)
            try client.send(
                "GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nbody"
                + "GET /items/3 HTTP/1.1\r\nHost: t\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2;x\r\nch\r\n0\r\n\r\n")
            let texts = try (0..<4).map { _ in try client.readResponse().text }
            #expect(texts == ["1", "body", "3", "ch"])
        }
    }

    @Test func garbageGets400AndTheConnectionCloses() throws {
        try withServer { _, port in
            let client = try TestClient(port: port)
            try client.send("THIS IS NOT HTTP\r\n\r\n" + String(repeating: "junk ", count: 20_000))
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.header("Connection") == "close")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.text.contains("\"status\":400"))
            #expect(try client.readUntilClosed())
        }
    }

    @Test func unsupportedVersionGets505() throws {
        try withServer { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /hello HTTP/2.0\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().status == 505)
            #expect(try client.readUntilClosed())
        }
    }

    @Test func expectContinueIsSentBeforeTheBodyIsRead() throws {
        try withServer { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("hello")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "hello")
        }
    }

    @Test func expectContinueIsNotSentWhenTheBodyIsRejected() throws {
        try withServer(configure: { $0.maxBodyBytes = 10 }) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            #expect(try client.readUntilClosed())
        }
    }

    @Test func oversizedBodyIs413EvenWhenTheClientSendsIt() throws {
        try withServer(configure: { $0.maxBodyBytes = 1000 }) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 200000\r\n\r\n" + String(repeating: "x", count: 200_000))
            #expect(try client.readResponse().status == 413)
            #expect(try client.readUntilClosed())
        }
    }

    @Test func headHasGetHeadersAndNoBody() throws {
        try withServer { _, port in
            let client = try TestClient(port: port)
            try client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /items/after HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "5")
            #expect(head.header("Content-Type") == "text/plain")
            // If the HEAD response had carried a body, this would read "hello…" as a status line.
            #expect(try client.readResponse().text == "after")
        }
    }

    @Test func http10ClosesUnlessKeepAlive() throws {
        try withServer { _, port in
            let plain = try TestClient(port: port)
            try plain.send("GET /hello HTTP/1.0\r\n\r\n")
            let response = try plain.readResponse()
            #expect(response.text == "hello")
            #expect(response.header("Connection") == "close")
            #expect(try plain.readUntilClosed())

            let keep = try TestClient(port: port)
            try keep.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keep.readResponse().header("Connection") == "keep-alive")
            try keep.send("GET /items/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keep.readResponse().text == "2")
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withServer { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(try client.readUntilClosed())   // the second request is not answered
        }
    }

    @Test func largeResponseSurvivesBackpressure() throws {
        try withServer { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\nGET /items/next HTTP/1.1\r\nHost: t\r\n\r\n")
            let big = try client.readResponse()
            #expect(big.body.count == bigBody.count)
            #expect(big.body == bigBody)
            #expect(try client.readResponse().text == "next")
        }
    }

    @Test func unknownRouteIs404ProblemJSON() throws {
        try withServer { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 404)
            #expect(response.text.contains("/problems/not-found"))
            #expect(response.header("Connection") == nil)   // responder errors keep the connection
        }
    }
}
