/// Size limits the request parser enforces, all in bytes or counts.
///
/// Each limit is checked as bytes arrive, so nothing larger than a limit is ever
/// buffered, whatever the client claims.
struct HTTPParserLimits: Sendable, Equatable {
    /// Longest request line, excluding CRLF; longer → 414 (RFC 9112 §3, RFC 9110 §15.5.15).
    var maxRequestLineBytes: Int = 8192
    /// Largest header section (every field line with its CRLF plus the final CRLF);
    /// larger → 431 (RFC 6585 §5). Also bounds the trailer section of a chunked body.
    var maxHeaderBytes: Int = 32768
    /// Most header fields; more → 431.
    var maxHeaderCount: Int = 100
    /// Largest body; a larger Content-Length → 413 before any body byte is read,
    /// a chunked body growing past it → 413 as soon as a chunk size says so (RFC 9110 §15.5.14).
    var maxBodyBytes: Int = 1 << 20
    /// Larger (or smaller) body limits for exact request paths, e.g. an upload endpoint;
    /// any other path gets `maxBodyBytes`.
    var maxBodyBytesByPath: [String: Int] = [:]
    /// Longest chunk-size line including chunk extensions; longer → 400.
    var maxChunkLineBytes: Int = 4096

    /// The body limit of a request to `path` (raw, not percent-decoded).
    func maxBodyBytes(forPath path: String) -> Int { maxBodyBytesByPath[path] ?? maxBodyBytes }
}
