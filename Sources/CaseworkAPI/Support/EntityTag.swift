import Crypto
import HTTPServer

/// Strong entity tags computed from a representation's bytes (RFC 9110 §8.8.3): the tag changes
/// exactly when the bytes do, which is what polling widgets need.
enum EntityTag {
    /// `"<first 16 bytes of SHA-256 in hex>"`.
    static func of(_ body: [UInt8]) -> String {
        "\"" + SHA256.hash(data: body).prefix(16).map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
        }.joined() + "\""
    }

    /// A JSON 200 with a content ETag, or a bodiless 304 when `If-None-Match` already names it.
    static func conditionalJSON(_ ctx: RequestContext, _ value: JSONValue) -> HTTPResponse {
        let body = value.serialized()
        let etag = of(body)
        if ctx.noneMatch(etag) { return HTTPResponse(status: 304, headers: HTTPHeaders([("ETag", etag)])) }
        return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json"), ("ETag", etag)]), body: body)
    }
}
