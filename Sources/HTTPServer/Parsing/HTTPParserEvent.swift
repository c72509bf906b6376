/// What the parser produced from the bytes fed so far, in wire order.
enum HTTPParserEvent: Sendable {
    /// The head of a request with `Expect: 100-continue` was accepted and its body
    /// will be read: the connection should send `100 Continue` (RFC 9110 §10.1.1)
    /// once every earlier response has been written.
    case expectContinue
    /// A complete request (head and whole body).
    case request(HTTPRequest)
    /// The stream is unusable from here on; answer with the error's status and close.
    /// Always the last event; the parser ignores all later input.
    case error(HTTPParseError)
}
