/// One file served as it is — a page, a script, a style sheet — with a strong entity tag the
/// caller computes from its bytes (RFC 9110 §8.8.3), so a browser revalidates it cheaply.
public struct StaticAsset: Sendable {
    /// The `Content-Type` sent with it, e.g. `text/javascript; charset=utf-8`.
    public let contentType: String
    /// The file's bytes.
    public let body: [UInt8]
    /// A strong entity tag, quotes included (`"…"`), that changes whenever `body` does.
    public let etag: String

    public init(contentType: String, body: [UInt8], etag: String) {
        self.contentType = contentType
        self.body = body
        self.etag = etag
    }

    /// 200 with the bytes, or a bodiless 304 when `If-None-Match` names this asset's tag (weak
    /// comparison, RFC 9110 §13.1.2; `*` matches). Both carry `ETag`, `Cache-Control: no-cache`
    /// (keep it, but ask before each use) and `headers`. A `HEAD` gets the same head: the server
    /// drops the body.
    public func response(to request: HTTPRequest, headers: [(String, String)] = []) -> HTTPResponse {
        let common = [("ETag", etag), ("Cache-Control", "no-cache")] + headers
        if request.condition("If-None-Match", names: etag) {
            return HTTPResponse(status: 304, headers: HTTPHeaders(common))
        }
        return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", contentType)] + common), body: body)
    }
}
