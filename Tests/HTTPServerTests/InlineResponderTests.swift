import Foundation
import Glibc
import Testing
@testable import HTTPServer

/// A responder that answers `/ping` inline (as a health check is) and notes, per path, whether
/// the request was answered on a worker.
private final class PingResponder: HTTPResponder, Sendable {
    let router = makeTestRouter()
    let onWorker = Locked<[String: Bool]>([:])

    func answersInline(_ request: HTTPRequest) -> Bool { request.path == "/ping" }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let worker = WorkerPool.isWorkerThread
        onWorker.withLock { $0[request.path] = worker }
        if request.path == "/ping" { return HTTPResponse(status: 200, body: Array("pong".utf8)) }
        return router.respond(to: request)
    }
}

@Suite struct InlineResponderTests {
    @Test func aCheapRequestIsAnsweredOnTheConnectionsQueueAndPipelinesInOrder() throws {
        let responder = PingResponder()
        try withServer(router: responder) { server, port in
            let client = try TestClient(port: port)
            try client.send("GET /ping HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "pong")
            #expect(try client.readResponse().text == "hello")
            let seen = responder.onWorker.withLock { $0 }
            #expect(seen["/hello"] == true)
            #expect(seen["/ping"] == false)
            // Many inline answers pipelined in one write come back whole and in order, mixed with worker ones.
            let mixed = (0..<200).map { $0 % 10 == 0 ? "GET /items/\($0) HTTP/1.1\r\nHost: t\r\n\r\n" : "GET /ping HTTP/1.1\r\nHost: t\r\n\r\n" }
            try client.send(mixed.joined())
            let texts = try (0..<200).map { _ in try client.readResponse().text }
            #expect(texts == (0..<200).map { $0 % 10 == 0 ? "\($0)" : "pong" })
        }
    }
}
