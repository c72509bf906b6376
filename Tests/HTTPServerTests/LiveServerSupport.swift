import Glibc
import Dispatch
@testable import HTTPServer

/// Lets a test hold the `/slow` route until it decides to release it.
final class Gate: Sendable {
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
}

/// 4 MiB with a recognisable pattern, to push writes past the socket buffer (EAGAIN).
let bigBody: [UInt8] = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }

/// The routes every live test talks to.
func makeTestRouter(gate: Gate = Gate()) -> Router {
    var router = Router()
    router.add("GET", "/hello") { _, _ in
        HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Array("hello".utf8))
    }
    router.add("POST", "/echo") { request, _ in
        HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: request.body)
    }
    router.add("GET", "/items/{id}") { _, params in
        HTTPResponse(status: 200, body: Array((params["id"] ?? "").utf8))
    }
    router.add("GET", "/big") { _, _ in
        HTTPResponse(status: 200, body: bigBody)
    }
    router.add("GET", "/slow") { _, _ in
        gate.started.signal()
        _ = gate.release.wait(timeout: .now() + 10)
        return HTTPResponse(status: 200, body: Array("slow".utf8))
    }
    return router
}

/// Starts a server on a kernel-chosen port, runs `body`, then shuts the server down.
func withServer(
    configure: (inout HTTPServerConfiguration) -> Void = { _ in },
    router: any HTTPResponder = makeTestRouter(),
    _ body: (HTTPServer, Int) throws -> Void
) throws {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, responder: router)
    let port = try server.start()
    defer { server.shutdown(gracePeriod: 2) }
    try body(server, port)
}

/// Polls a real condition until it holds; the deadline only guards against hanging.
func eventually(timeout: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = DispatchTime.now() + timeout
    while DispatchTime.now() < deadline {
        if condition() { return true }
        usleep(2_000)
    }
    return condition()
}
