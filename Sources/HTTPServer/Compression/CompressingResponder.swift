/// A responder wrapper that gzip-encodes response bodies for clients that accept it
/// (RFC 9110 §8.4.1.3 `gzip` content coding, §12.5.3 `Accept-Encoding`).
///
/// A response is compressed when all of these hold:
/// - the request's `Accept-Encoding` accepts `gzip` (see `AcceptEncoding`; `gzip;q=0`
///   refuses, `*` counts, no field means identity only);
/// - its status allows a body and is not 1xx, 204, 206 or 304;
/// - it has no `Content-Encoding` (nor `Content-Range`) already;
/// - its media type is compressible (see `isCompressible(contentType:)`);
/// - it is streamed, or its buffered body is at least `minimumBytes` long and gzip
///   makes it smaller.
/// Then the body is replaced by its gzip encoding (a stream is compressed write by
/// write, each flushed with `Z_SYNC_FLUSH` so the client can decode what was sent so far,
/// and finished with the gzip trailer), `Content-Encoding: gzip` is set, a responder's
/// `Content-Length` is removed (the server frames the new body), and the ETag is
/// rewritten for the gzip representation (see `GzipEntityTag`).
///
/// `Vary: Accept-Encoding` (RFC 9110 §12.5.5) is added to every response whose body
/// could have been compressed for some client — compressible type, eligible status, no
/// prior coding — whether or not it was, and to every 304 (which must carry the `Vary`
/// a 200 would, RFC 9110 §15.4.5); an existing `Vary` is extended, never duplicated.
///
/// Conditional requests: tags ending in `-gzip` in `If-None-Match` and `If-Match` are
/// stripped back to the identity tag before the wrapped responder runs, so it can
/// compare against its own tags for either representation. A 304 sent to a client that
/// accepts gzip carries the `-gzip` tag, unless the client's `If-None-Match` named the
/// identity tag and not the gzip one (it holds the identity representation).
///
/// HEAD: handled exactly like GET (the body the wrapped responder produced is compressed
/// and the server then drops it), so `Content-Encoding`, `Content-Length`, `ETag` and
/// `Vary` equal those GET would get; a stream is wrapped but never run. A responder
/// that answers HEAD with an empty body and its own `Content-Length` gets no compression.
///
/// Compression runs on the thread that called `respond(to:)` (buffered bodies) or on
/// the one running the producer (streams).
public struct CompressingResponder: HTTPResponder {
    private let wrapped: any HTTPResponder
    private let minimumBytes: Int
    private let level: Int

    /// Wraps `responder`.
    /// - Parameters:
    ///   - responder: produces the uncompressed responses.
    ///   - minimumBytes: smallest buffered body, in bytes, worth compressing (smaller
    ///     ones are sent as they are); streams are always compressed.
    ///   - level: zlib compression level, 1 (fastest) ... 9 (smallest); default 6.
    public init(wrapping responder: any HTTPResponder, minimumBytes: Int = 1024, level: Int = 6) {
        self.wrapped = responder
        self.minimumBytes = max(0, minimumBytes)
        self.level = level
    }

    /// The wrapped responder's handling of the server's own refusals (never compressed).
    public func refused(_ response: HTTPResponse) -> HTTPResponse { wrapped.refused(response) }

    /// As the wrapped responder says.
    public func answersInline(_ request: HTTPRequest) -> Bool { wrapped.answersInline(request) }

    /// Calls the wrapped responder with `-gzip` validators stripped, then compresses
    /// its response when the rules above allow.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        var inner = request
        for name in ["If-None-Match", "If-Match"] where request.headers.contains(name) {
            let values = request.headers.values(name).map(GzipEntityTag.decodedList)
            inner.headers.remove(name)
            for value in values { inner.headers.add(name, value) }
        }
        var response = wrapped.respond(to: inner)
        let acceptsGzip = AcceptEncoding(request.headers).accepts("gzip")
        let status = ResponseSerializer.effectiveStatus(response)

        if status == 304 {
            Self.addVary(to: &response.headers)
            if acceptsGzip, let etag = response.headers["ETag"],
               !Self.clientHoldsIdentity(etag: etag, ifNoneMatch: request.headers.values("If-None-Match")) {
                Self.setGzipETag(etag, in: &response.headers)
            }
            return response
        }
        guard ResponseSerializer.allowsBody(status), status != 206,
              !response.headers.contains("Content-Encoding"), !response.headers.contains("Content-Range"),
              let contentType = response.headers["Content-Type"], Self.isCompressible(contentType: contentType)
        else { return response }

        Self.addVary(to: &response.headers)
        guard acceptsGzip else { return response }
        if let producer = response.stream {
            response.stream = Self.compressing(producer, level: level)
        } else {
            guard response.body.count >= minimumBytes,
                  let compressed = try? GzipEncoder.gzip(response.body, level: level),
                  compressed.count < response.body.count
            else { return response }
            response.body = compressed
        }
        response.headers.set("Content-Encoding", "gzip")
        response.headers.remove("Content-Length")
        if let etag = response.headers["ETag"] { Self.setGzipETag(etag, in: &response.headers) }
        return response
    }

    /// Whether a body of this `Content-Type` is worth compressing: `text/*`, JSON
    /// (`application/json`, any `+json` such as `application/problem+json`), NDJSON,
    /// CSV (`application/csv`), XML (`application/xml`, any `+xml`) and JavaScript.
    /// Parameters (`; charset=utf-8`) are ignored; comparison is case-insensitive.
    public static func isCompressible(contentType: String) -> Bool {
        // The common answers without splitting and lowercasing (this runs on every response).
        if contentType == "application/json" || contentType == "application/problem+json" { return true }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingOWS().lowercased() } ?? ""
        let parts = mediaType.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let (type, subtype) = (parts[0], parts[1])
        if type == "text" { return true }
        guard type == "application" else { return false }
        return ["json", "x-ndjson", "ndjson", "csv", "xml", "javascript"].contains(subtype)
            || subtype.hasSuffix("+json") || subtype.hasSuffix("+xml")
    }

    /// `producer` with every write gzip-compressed and sync-flushed, and the gzip
    /// trailer written after it returns. A producer that throws leaves the member
    /// unfinished (the server aborts the response anyway).
    static func compressing(_ producer: @escaping HTTPBodyProducer, level: Int) -> HTTPBodyProducer {
        { writer in
            let encoder = try GzipEncoder(level: level)
            try producer(HTTPBodyWriter { bytes in
                try writer.write(encoder.compress(bytes, flush: .sync))
            })
            try writer.write(encoder.finish())
        }
    }

    /// Adds `Accept-Encoding` to `Vary` unless it (or `*`) is already listed.
    static func addVary(to headers: inout HTTPHeaders) {
        // Most responses carry no Vary yet: nothing to merge.
        guard headers.contains("Vary") else {
            headers.add("Vary", "Accept-Encoding")
            return
        }
        let tokens = headers.lowercasedTokens("Vary")
        guard !tokens.contains("*"), !tokens.contains("accept-encoding") else { return }
        let existing = headers.values("Vary").map { $0.trimmingOWS() }.filter { !$0.isEmpty }
        headers.set("Vary", (existing + ["Accept-Encoding"]).joined(separator: ", "))
    }

    /// Replaces `etag` by the gzip representation's tag, or removes it when it is not a
    /// well-formed entity-tag (an identity validator must not be reused).
    private static func setGzipETag(_ etag: String, in headers: inout HTTPHeaders) {
        if let encoded = GzipEntityTag.encoded(etag) {
            headers.set("ETag", encoded)
        } else {
            headers.remove("ETag")
        }
    }

    /// Whether the client's `If-None-Match` lists `etag`'s identity tag but not its gzip
    /// tag (weak comparison: opaque parts only, RFC 9110 §8.8.3.2).
    static func clientHoldsIdentity(etag: String, ifNoneMatch: [String]) -> Bool {
        guard let tag = EntityTagList.parse(etag)?.first else { return false }
        let listed = ifNoneMatch.flatMap { EntityTagList.parse($0) ?? [] }.map(\.opaque)
        return listed.contains(tag.opaque) && !listed.contains(tag.opaque + GzipEntityTag.suffix)
    }
}
