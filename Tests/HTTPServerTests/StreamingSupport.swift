import Dispatch
@testable import HTTPServer

/// Deterministic test bytes: byte `i` of a body is `pattern(i)`.
func patternBytes(_ range: Range<Int>) -> [UInt8] {
    range.map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 9) }
}

/// Lines of text, `count` bytes in all: compressible, and recognisable after decoding.
func textBytes(_ count: Int) -> [UInt8] {
    var text: [UInt8] = []
    var line = 0
    while text.count < count {
        text.append(contentsOf: Array("line \(line): the quick brown fox jumps over the lazy dog\n".utf8))
        line += 1
    }
    return Array(text.prefix(count))
}

/// What the producers of the streaming routes did, for assertions from the test thread.
final class StreamProbe: Sendable {
    private struct State {
        var runs = 0
        var written = 0
        var error: (any Error)?
    }
    private let state = Locked(State())
    /// Signalled each time a producer returns or throws.
    let finished = DispatchSemaphore(value: 0)

    var runs: Int { state.withLock { $0.runs } }
    var written: Int { state.withLock { $0.written } }
    var error: (any Error)? { state.withLock { $0.error } }

    func started() { state.withLock { $0.runs += 1 } }
    func wrote(_ count: Int) { state.withLock { $0.written += count } }
    func ended(_ error: (any Error)?) {
        state.withLock { $0.error = error }
        finished.signal()
    }

    /// Runs `body` as a producer, recording its start, writes (through the returned
    /// writer) and how it ended; rethrows.
    func run(_ writer: HTTPBodyWriter, _ body: (HTTPBodyWriter) throws -> Void) throws {
        started()
        let counting = HTTPBodyWriter { bytes in
            try writer.write(bytes)
            self.wrote(bytes.count)
        }
        do {
            try body(counting)
            ended(nil)
        } catch {
            ended(error)
            throw error
        }
    }
}

/// The `size` and `piece` query parameters of a streaming route (defaults 100,000 and 4,096).
private func sizes(_ request: HTTPRequest) -> (size: Int, piece: Int) {
    (Int(request.query["size"] ?? "") ?? 100_000, max(1, Int(request.query["piece"] ?? "") ?? 4096))
}

/// A producer failure used by `/stream/fail`.
struct ProducerFailure: Error {}

/// The test router plus streamed routes:
/// - `GET /stream/pattern?size=N&piece=M`: `patternBytes(0..<N)` in writes of M bytes;
/// - `GET /stream/text?size=N&piece=M`: `textBytes(N)` as `text/plain`, writes of M bytes;
/// - `GET /stream/forever`: 64 KiB writes until a write throws;
/// - `GET /stream/fail`: three writes of `"abc"`, then throws `ProducerFailure`.
func makeStreamingRouter(probe: StreamProbe = StreamProbe()) -> Router {
    var router = makeTestRouter()
    router.add("GET", "/stream/pattern") { request, _ in
        let (size, piece) = sizes(request)
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"]) { writer in
            try probe.run(writer) { writer in
                for start in stride(from: 0, to: size, by: piece) {
                    try writer.write(patternBytes(start..<min(size, start + piece)))
                }
            }
        }
    }
    router.add("GET", "/stream/text") { request, _ in
        let (size, piece) = sizes(request)
        let text = textBytes(size)
        return HTTPResponse(status: 200, headers: ["Content-Type": "text/plain; charset=utf-8"]) { writer in
            try probe.run(writer) { writer in
                for start in stride(from: 0, to: size, by: piece) {
                    try writer.write(Array(text[start..<min(size, start + piece)]))
                }
            }
        }
    }
    router.add("GET", "/stream/forever") { _, _ in
        HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"]) { writer in
            try probe.run(writer) { writer in
                let piece = patternBytes(0..<65536)
                while true { try writer.write(piece) }
            }
        }
    }
    router.add("GET", "/stream/fail") { _, _ in
        HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"]) { writer in
            try probe.run(writer) { writer in
                for _ in 0..<3 { try writer.write("abc") }
                throw ProducerFailure()
            }
        }
    }
    return router
}
