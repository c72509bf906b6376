/// One complete HTTP request as received (RFC 9112 §3, §6).
///
/// The body is fully read before the request is handed to a responder; its size is
/// bounded by `HTTPServerConfiguration.maxBodyBytes`. Chunked bodies arrive de-chunked.
public struct HTTPRequest: Sendable {
    /// The method token as sent, e.g. `"GET"`; case-sensitive (RFC 9110 §9.1).
    public var method: String
    /// The raw request-target as sent, e.g. `"/v1/cases?page=2"` (RFC 9112 §3.2).
    public var target: String
    /// The raw path part of the target (before `?`), NOT percent-decoded.
    /// For absolute-form targets this is the path after the authority.
    public var path: String
    /// The query, decoded once (see `QueryParameters`).
    public var query: QueryParameters
    /// The protocol version from the request line.
    public var version: HTTPVersion
    /// The header fields in the order received.
    public var headers: HTTPHeaders
    /// The body bytes (de-chunked), empty when the request had no body.
    public var body: [UInt8]

    /// Creates a request for tests and in-process calls, deriving `path` and `query`
    /// from `target` the way the parser does. Never throws: a target in no accepted
    /// form keeps everything before `?` as the path, and an undecodable query yields
    /// empty `query.pairs`.
    public init(
        method: String,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:],
        body: [UInt8] = []
    ) {
        let parts = RequestTarget.split(target, method: method)
            ?? RequestTarget.Parts(
                path: String(target.prefix { $0 != "?" }),
                query: target.firstIndex(of: "?").map { target[target.index(after: $0)...] } ?? "")
        self.init(
            method: method, target: target, path: parts.path,
            query: QueryParameters(decoding: parts.query) ?? QueryParameters(),
            version: version, headers: headers, body: body)
    }

    /// Memberwise initializer used by the parser once every part is validated.
    init(
        method: String, target: String, path: String, query: QueryParameters,
        version: HTTPVersion, headers: HTTPHeaders, body: [UInt8]
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// Whether the connection may stay open after answering this request
    /// (RFC 9112 §9.3): HTTP/1.1 unless `Connection: close`; HTTP/1.0 only with
    /// `Connection: keep-alive` (and no `close`).
    var wantsKeepAlive: Bool {
        let tokens = headers.lowercasedTokens("Connection")
        if tokens.contains("close") { return false }
        switch version {
        case .http1_1: return true
        case .http1_0: return tokens.contains("keep-alive")
        }
    }

    /// Whether the method is safe, i.e. read-only by definition: GET, HEAD, OPTIONS or TRACE
    /// (RFC 9110 §9.2.1). Such requests run on the server's read workers.
    var hasSafeMethod: Bool {
        switch method {
        case "GET", "HEAD", "OPTIONS", "TRACE": return true
        default: return false
        }
    }
}
