/// A response produced by an `HTTPResponder` (RFC 9110 §15, RFC 9112 §4).
///
/// The server adds `Content-Length`, `Date` and, when it closes the connection,
/// `Connection: close` while serializing; headers set here are kept (a responder's
/// own `Content-Length`/`Transfer-Encoding` are replaced, see `ResponseSerializer`).
public struct HTTPResponse: Sendable {
    /// The status code, 100...999 (RFC 9110 §15). Out-of-range codes are sent as 500.
    public var status: Int
    /// The header fields to send, in order.
    public var headers: HTTPHeaders
    /// The body bytes; sent whole with a `Content-Length` (never chunked).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
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
