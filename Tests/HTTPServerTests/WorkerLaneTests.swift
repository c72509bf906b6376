import Dispatch
import Testing
@testable import HTTPServer

/// Holds every `POST /write` until released (as writes queued for a database's one writer wait),
/// and notes the thread each request ran on.
private final class HeldWrites: HTTPResponder, Sendable {
    let running = Locked(0)
    let finished = Locked(0)
    let release = DispatchSemaphore(value: 0)
    let threads = Locked<[String: String]>([:])

    func respond(to request: HTTPRequest) -> HTTPResponse {
        threads.withLock { $0[request.method + " " + request.path] = NamedThread.callingThreadName() }
        guard request.method == "POST" else { return HTTPResponse(status: 200, body: Array("read".utf8)) }
        running.withLock { $0 += 1 }
        _ = release.wait(timeout: .now() + 20)
        finished.withLock { $0 += 1 }
        return HTTPResponse(status: 200, body: Array("written".utf8))
    }
}

@Suite struct WorkerLaneTests {
    @Test func aReadIsAnsweredWhileEveryWriteWorkerIsHeldAndMoreWritesWait() throws {
        let responder = HeldWrites()
        try withServer(configure: { $0.readWorkerThreads = 1; $0.writeWorkerThreads = 2 }, router: responder) { _, port in
            // Three writes on three connections: two hold both write workers, the third waits for one.
            let writers = try (0..<3).map { _ in try TestClient(port: port, timeout: 20) }
            for (index, writer) in writers.enumerated() {
                try writer.send("POST /write HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\n\(index)")
            }
            #expect(eventually { responder.running.withLock { $0 } == 2 })

            let reader = try TestClient(port: port)
            try reader.send("GET /read HTTP/1.1\r\nHost: t\r\n\r\nHEAD /read HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try reader.readResponse().text == "read")
            #expect(try reader.readResponse(head: true).status == 200)
            // Answered while the writes still hold their workers, the third still waiting.
            #expect(responder.running.withLock { $0 } == 2)
            #expect(responder.finished.withLock { $0 } == 0)

            for _ in 0..<3 { responder.release.signal() }
            for writer in writers { #expect(try writer.readResponse().text == "written") }
            let threads = responder.threads.withLock { $0 }
            #expect(threads["GET /read"] == WorkerPool.threadName(lane: "read", 0))
            #expect(threads["POST /write"]?.hasPrefix("http.write.") == true)
        }
    }

    @Test func safeMethodsAreTheReadLanes() {
        for method in ["GET", "HEAD", "OPTIONS", "TRACE"] {
            #expect(HTTPRequest(method: method, target: "/").hasSafeMethod)
        }
        for method in ["POST", "PUT", "PATCH", "DELETE", "CONNECT", "get"] {
            #expect(!HTTPRequest(method: method, target: "/").hasSafeMethod)
        }
    }
}
