/// The HTTP protocol version of a request, from its request line (RFC 9112 §2.3).
///
/// Only HTTP/1.0 and HTTP/1.1 are served; the parser answers any other
/// well-formed `HTTP/x.y` with 505 (RFC 9110 §15.6.6). Responses are always
/// sent as `HTTP/1.1` (RFC 9110 §6.2: the server's highest conformant version).
public enum HTTPVersion: Sendable, Equatable {
    /// `HTTP/1.0`: connection closes after each response unless `Connection: keep-alive`.
    case http1_0
    /// `HTTP/1.1`: persistent connections by default (RFC 9112 §9.3).
    case http1_1
}
