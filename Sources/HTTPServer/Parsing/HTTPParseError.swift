/// Why the parser refused a request: the status to answer with and a detail
/// for the problem body. After any of these the connection is closed.
struct HTTPParseError: Error, Equatable, Sendable {
    /// The status code: 400, 408, 413, 414, 431, 501, 503 or 505.
    let status: Int
    /// One sentence for the RFC 9457 `detail` member; never echoes client bytes.
    let detail: String

    /// 400: malformed syntax or framing (RFC 9110 §15.5.1).
    static func badRequest(_ detail: String) -> HTTPParseError { .init(status: 400, detail: detail) }
    /// 408: the header section did not arrive in time (RFC 9110 §15.5.9).
    static let requestTimeout = HTTPParseError(status: 408, detail: "The request header section was not received in time.")
    /// 413: the body is larger than allowed (RFC 9110 §15.5.14).
    static let contentTooLarge = HTTPParseError(status: 413, detail: "The request body exceeds the allowed size.")
    /// 414: the request line is longer than allowed (RFC 9110 §15.5.15).
    static let uriTooLong = HTTPParseError(status: 414, detail: "The request line exceeds the allowed length.")
    /// 431: too many or too large header fields (RFC 6585 §5).
    static func headerFieldsTooLarge(_ detail: String) -> HTTPParseError { .init(status: 431, detail: detail) }
    /// 501: a transfer coding the server does not implement (RFC 9112 §6.1).
    static func notImplemented(_ detail: String) -> HTTPParseError { .init(status: 501, detail: detail) }
    /// 505: an HTTP version other than 1.0 or 1.1 (RFC 9110 §15.6.6).
    static let versionNotSupported = HTTPParseError(status: 505, detail: "Only HTTP/1.0 and HTTP/1.1 are supported.")
    /// 503: the server has no room for another connection (RFC 9110 §15.6.4).
    static let serviceUnavailable = HTTPParseError(status: 503, detail: "The server is at its connection limit; retry later.")

    /// The problem+json response for this error (RFC 9457), type `/problems/<slug>`.
    var response: HTTPResponse {
        let slug: String
        switch status {
        case 408: slug = "request-timeout"
        case 413: slug = "content-too-large"
        case 414: slug = "uri-too-long"
        case 431: slug = "header-fields-too-large"
        case 501: slug = "not-implemented"
        case 503: slug = "service-unavailable"
        case 505: slug = "http-version-not-supported"
        default: slug = "bad-request"
        }
        return .problem(
            status: status, type: "/problems/\(slug)",
            title: StatusReasonPhrase.phrase(for: status), detail: detail)
    }
}
