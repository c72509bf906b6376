/// A producer of a streamed response body (see `HTTPResponse.stream`).
///
/// Called at most once, after the response head is queued, on a thread of its own
/// (a dedicated serial Dispatch queue, so blocking in it holds up no other request); it
/// calls `writer.write(_:)` as many times as it likes and returns when the body is
/// complete. Throwing (or any `write` throwing) aborts the response: the connection
/// is closed without completing the message, so the client sees it as incomplete.
public typealias HTTPBodyProducer = @Sendable (HTTPBodyWriter) throws -> Void

/// The sink a streamed body is written to, handed to an `HTTPBodyProducer`.
///
/// The server's writer frames each non-empty write as one HTTP/1.1 chunk (RFC 9112
/// §7.1) or, for HTTP/1.0, sends it as is. `write` blocks while more than 256 KiB of
/// this connection's output is waiting for the client (backpressure), and throws
/// `HTTPBodyWriterError.connectionClosed` once the connection is gone, so a producer
/// stops promptly. Use it only from the producer's thread, and not after the producer
/// returns.
///
/// Other code can build writers too (e.g. a compressing one wrapping the server's),
/// from a closure that receives every non-empty write.
public struct HTTPBodyWriter {
    private let sink: ([UInt8]) throws -> Void

    /// Creates a writer that passes every non-empty write to `sink`, on the caller's thread.
    /// - Parameter sink: receives the bytes; whatever it throws, `write` throws.
    public init(_ sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
    }

    /// Sends `bytes` as the next piece of the body; an empty array is ignored.
    ///
    /// For the server's writer this may block (backpressure) and then returns once the
    /// bytes are queued, not necessarily sent.
    /// - Throws: `HTTPBodyWriterError.connectionClosed` when the client went away, the
    ///   connection timed out or the server shut down; for other writers, their sink's error.
    public func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try sink(bytes)
    }

    /// Sends the UTF-8 bytes of `text`; see `write(_:)` for blocking and errors.
    public func write(_ text: String) throws {
        try write(Array(text.utf8))
    }
}

/// Why a body write failed.
public enum HTTPBodyWriterError: Error, Sendable, Equatable {
    /// The connection is closed (client disconnected, write timeout, server shutdown)
    /// or the response is over: nothing more can be sent.
    case connectionClosed
}
