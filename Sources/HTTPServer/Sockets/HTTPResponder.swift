/// Something that turns a request into a response: a `Router`, or any custom type.
public protocol HTTPResponder: Sendable {
    /// Called on a worker thread of the server (a read worker for safe methods, a write worker
    /// otherwise: see `HTTPServerConfiguration.readWorkerThreads`); may block (e.g. on SQLite).
    /// Must not throw.
    ///
    /// Called once per request, requests of one connection strictly in order (the next
    /// is not started before this one's response is queued for writing); requests of
    /// different connections run concurrently. For `HEAD` the server sends the headers
    /// of the returned response (with the body's length) and drops the body.
    ///
    /// A streamed response (`HTTPResponse.stream`) keeps the request in flight until
    /// its producer returns: the producer runs after this method, on a thread of its
    /// own, and the connection's next request waits for it. For `HEAD` the producer is
    /// not run.
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Called when the server answers by itself, before any request reaches `respond`: a
    /// message it could not frame or that broke a limit (400, 408, 413, 414, 431, 501, 505;
    /// RFC 9112 §2.2, §6.3) or a connection over the limit (503). Returns the response to send,
    /// e.g. with a request id added, and is the place to log it. Runs on the connection's
    /// event loop (also the accepting thread, for 503): keep it short; it must not block.
    func refused(_ response: HTTPResponse) -> HTTPResponse

    /// Whether `request` is answered without blocking (a health check): then `respond` is
    /// called at once on the connection's event loop instead of waiting for a worker behind
    /// heavy requests. Must itself be quick; such a `respond` must not block.
    func answersInline(_ request: HTTPRequest) -> Bool
}

extension HTTPResponder {
    /// Sends the server's own refusal unchanged.
    public func refused(_ response: HTTPResponse) -> HTTPResponse { response }

    /// Every request goes to a worker.
    public func answersInline(_ request: HTTPRequest) -> Bool { false }
}
