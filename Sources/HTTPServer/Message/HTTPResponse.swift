/// A response produced by an `HTTPResponder` (RFC 9110 §15, RFC 9112 §4).
///
/// The body is either buffered (`body`, sent with a `Content-Length`) or streamed
/// (`stream`, produced incrementally while it is sent). The server adds framing
/// (`Content-Length`, or `Transfer-Encoding: chunked` for a stream), `Date` and, when
/// it closes the connection, `Connection: close` while serializing; headers set here
/// are kept (a responder's own `Content-Length`/`Transfer-Encoding` are replaced, see
/// `ResponseSerializer`).
public struct HTTPResponse: Sendable {
    /// The status code, 100...999 (RFC 9110 §15). Out-of-range codes are sent as 500.
    public var status: Int
    /// The header fields to send, in order.
    public var headers: HTTPHeaders
    /// The buffered body bytes, sent whole with a `Content-Length`. Ignored when
    /// `stream` is set (a streamed response's `body` is normally empty).
    public var body: [UInt8]
    /// The producer of a streamed body, or `nil` for a buffered one.
    ///
    /// When set, the server sends the head at once and then runs the producer on a
    /// thread of its own: HTTP/1.1 requests get `Transfer-Encoding: chunked` (RFC 9112
    /// §7.1); HTTP/1.0 requests get no length and `Connection: close`, the body ending
    /// when the connection closes (RFC 9112 §6.3). The producer is not run for `HEAD`
    /// (headers only, RFC 9110 §9.3.2) nor for 1xx, 204 and 304, which have no body.
    public var stream: HTTPBodyProducer?

    /// Creates a response with a buffered body.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = nil
    }

    /// Creates a response whose body `stream` writes incrementally (see `stream`).
    /// - Parameters:
    ///   - status: the status code.
    ///   - headers: header fields; framing fields are replaced by the server.
    ///   - stream: writes the body through the given `HTTPBodyWriter`; runs on a thread
    ///     of its own, may block, and aborts the response by throwing.
    public init(status: Int, headers: HTTPHeaders = [:], stream: @escaping HTTPBodyProducer) {
        self.status = status
        self.headers = headers
        self.body = []
        self.stream = stream
    }

    /// An RFC 9457 problem details response.
    ///
    /// Body: `{"type":…,"title":…,"status":…,"detail":…}` (UTF-8 JSON, keys in that
    /// order) with `Content-Type: application/problem+json`.
    /// - Parameters:
    ///   - status: the HTTP status code, also written as the `status` member.
    ///   - type: a URI reference naming the problem type, e.g. `"/problems/not-found"`.
    ///   - title: a short human-readable summary of the type.
    ///   - detail: an explanation specific to this occurrence.
    public static func problem(status: Int, type: String, title: String, detail: String) -> HTTPResponse {
        var json = "{\"type\":"
        json += jsonStringLiteral(type)
        json += ",\"title\":" + jsonStringLiteral(title)
        json += ",\"status\":" + String(status)
        json += ",\"detail\":" + jsonStringLiteral(detail) + "}"
        return HTTPResponse(
            status: status,
            headers: ["Content-Type": "application/problem+json"],
            body: Array(json.utf8))
    }
}

/// `text` as a JSON string literal with quotes, escaping `"`, `\` and control
/// characters (RFC 8259 §7).
func jsonStringLiteral(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case let s where s.value < 0x20:
            let hex = String(s.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
