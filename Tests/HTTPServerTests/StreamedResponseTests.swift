import Glibc
import Dispatch
import Testing
@testable import HTTPServer

@Suite("Live server: streamed bodies")
struct StreamedResponseTests {
    @Test func fiveMegabytesAreChunkedAndReadBackWhole() throws {
        let size = 5 << 20, piece = 7919
        try withServer(router: makeStreamingRouter()) { _, port in
            let client = try TestClient(port: port, timeout: 20)
            try client.send("GET /stream/pattern?size=\(size)&piece=\(piece) HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Transfer-Encoding") == "chunked")
            #expect(response.header("Content-Length") == nil)
            #expect(response.header("Connection") == nil)
            #expect(response.chunkCount == (size + piece - 1) / piece)   // one chunk per write
            #expect(response.body.count == size)
            #expect(response.body == patternBytes(0..<size))
            // The connection stays usable after the last chunk.
            try client.send("GET /items/again HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "again")
        }
    }

    @Test func http10GetsACloseDelimitedBody() throws {
        try withServer(router: makeStreamingRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /stream/pattern?size=300000&piece=1000 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(response.header("Transfer-Encoding") == nil)
            #expect(response.header("Content-Length") == nil)
            #expect(response.body == patternBytes(0..<300_000))
            #expect(!client.sawReset)
        }
    }

    @Test func pipelinedRequestAfterAStreamIsAnsweredInOrder() throws {
        try withServer(router: makeStreamingRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send(
                "GET /items/before HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /stream/pattern?size=400000&piece=999 HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /items/after HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /stream/pattern?size=10&piece=3 HTTP/1.1\r\nHost: t\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nlast")
            #expect(try client.readResponse().text == "before")
            #expect(try client.readResponse().body == patternBytes(0..<400_000))
            #expect(try client.readResponse().text == "after")
            #expect(try client.readResponse().body == patternBytes(0..<10))
            #expect(try client.readResponse().text == "last")
        }
    }

    @Test func headOfAStreamedRouteSendsHeadersOnlyAndNeverRunsTheProducer() throws {
        let probe = StreamProbe()
        try withServer(router: makeStreamingRouter(probe: probe)) { _, port in
            let client = try TestClient(port: port)
            try client.send("HEAD /stream/pattern HTTP/1.1\r\nHost: t\r\n\r\nGET /items/after HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.header("Transfer-Encoding") == "chunked")   // what GET would get
            #expect(head.header("Content-Type") == "application/octet-stream")
            // A body after the HEAD response would be read here as a status line.
            #expect(try client.readResponse().text == "after")
            #expect(probe.runs == 0)
        }
    }

    @Test func producerFailureLeavesTheChunkedMessageIncomplete() throws {
        let probe = StreamProbe()
        try withServer(router: makeStreamingRouter(probe: probe)) { server, port in
            let client = try TestClient(port: port)
            try client.send("GET /stream/fail HTTP/1.1\r\nHost: t\r\n\r\nGET /items/never HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(throws: TestClientError.self) { _ = try client.readResponse() }   // no last chunk
            #expect(probe.error is ProducerFailure)
            client.close()                         // ends the server's lingering close at once
            #expect(eventually { server.connectionCount == 0 })
        }
    }

    @Test func producerFailureOnHTTP10ResetsTheConnection() throws {
        try withServer(router: makeStreamingRouter()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /stream/fail HTTP/1.0\r\n\r\n")
            _ = try client.readResponse()          // close-delimited: reads until the reset
            #expect(client.sawReset)               // not an orderly end: the body is known incomplete
        }
    }

    @Test func clientDisconnectingMidStreamStopsTheProducerAndFreesTheSocket() throws {
        let probe = StreamProbe()
        try withServer(router: makeStreamingRouter(probe: probe)) { server, port in
            #expect(serverConnectionDescriptors(port: port) == 0)
            let client = try TestClient(port: port)
            try client.send("GET /stream/forever HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readExactly(100_000)                 // the stream is running
            #expect(serverConnectionDescriptors(port: port) == 1)
            client.close()                                      // unread data: the kernel sends RST
            #expect(probe.finished.wait(timeout: .now() + 10) == .success)
            #expect(probe.error as? HTTPBodyWriterError == .connectionClosed)
            #expect(eventually { server.connectionCount == 0 })
            #expect(eventually { serverConnectionDescriptors(port: port) == 0 })
        }
    }

    @Test func serverShutdownStopsAWaitingProducer() throws {
        let probe = StreamProbe()
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: makeStreamingRouter(probe: probe))
        let port = try server.start()
        let client = try TestClient(port: port)
        try client.send("GET /stream/forever HTTP/1.1\r\nHost: t\r\n\r\n")   // never read: the producer blocks
        #expect(eventually { probe.written > 0 })
        server.shutdown(gracePeriod: 0.2)                                     // then closes it by force
        #expect(probe.finished.wait(timeout: .now() + 10) == .success)
        #expect(probe.error as? HTTPBodyWriterError == .connectionClosed)
        #expect(serverConnectionDescriptors(port: port) == 0)
        withExtendedLifetime(client) {}
    }

    @Test func writesBlockWhileTheClientIsNotReading() throws {
        // What may be queued without the client reading: the 256 KiB high-water mark,
        // one write, the server's send buffer at its largest, and the client's receive
        // buffer (fixed at 64 KiB, which the kernel doubles for bookkeeping).
        let piece = 16 << 10, receiveBuffer = 64 << 10
        let bound = (256 << 10) + piece + maxSendBuffer() + 2 * receiveBuffer
        let size = bound + (4 << 20)
        let probe = StreamProbe()
        try withServer(router: makeStreamingRouter(probe: probe)) { _, port in
            let client = try TestClient(port: port, timeout: 30, receiveBuffer: receiveBuffer)
            try client.send("GET /stream/pattern?size=\(size)&piece=\(piece) HTTP/1.1\r\nHost: t\r\n\r\n")
            // Wait until the producer makes no progress for 100 ms: it is blocked in `write`.
            var last = -1
            #expect(eventually(timeout: 10) {
                let now = probe.written
                defer { last = now }
                usleep(100_000)
                return now > 0 && now == last && probe.written == now
            })
            #expect(probe.written <= bound)
            #expect(probe.finished.wait(timeout: .now()) == .timedOut)
            let response = try client.readResponse()            // reading lets it finish
            #expect(response.body.count == size)
            #expect(response.body == patternBytes(0..<size))
            #expect(probe.finished.wait(timeout: .now() + 5) == .success)
            #expect(probe.error == nil)
        }
    }
}

/// The largest TCP send buffer the kernel may grow a socket's to, in bytes (third
/// field of `/proc/sys/net/ipv4/tcp_wmem`); 8 MiB if unreadable.
private func maxSendBuffer() -> Int {
    readWholeFile("/proc/sys/net/ipv4/tcp_wmem").split(whereSeparator: \.isWhitespace).last.flatMap { Int($0) } ?? 8 << 20
}

@Suite("Live server: blocked producers")
struct BlockedProducerTests {
    @Test func producersBlockedByBackpressureDoNotStarveOtherRequests() throws {
        let probe = StreamProbe()
        try withServer(router: makeStreamingRouter(probe: probe)) { _, port in
            // More stalled streams than cores, each producer blocked in `write`: they must
            // neither wait for each other nor hold up an ordinary request.
            let stalled = try (0..<8).map { _ in try TestClient(port: port) }
            for client in stalled { try client.send("GET /stream/forever HTTP/1.1\r\nHost: t\r\n\r\n") }
            #expect(eventually { probe.runs == stalled.count })
            let client = try TestClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "hello")
            withExtendedLifetime(stalled) {}
        }
    }
}
