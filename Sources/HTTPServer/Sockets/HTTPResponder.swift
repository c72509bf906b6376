/// Something that turns a request into a response: a `Router`, or any custom type.
public protocol HTTPResponder: Sendable {
    /// Called on a Dispatch worker thread; may block (e.g. on SQLite). Must not throw.
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
}
