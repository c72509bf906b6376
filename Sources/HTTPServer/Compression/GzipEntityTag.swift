/// Entity tags (RFC 9110 §8.8.3) of the gzip representation.
///
/// A strong ETag names one exact byte sequence, so the gzip-coded representation must
/// not reuse the identity representation's tag. `CompressingResponder` derives the
/// gzip tag by appending `-gzip` inside the quotes (`"abc"` → `"abc-gzip"`,
/// `W/"abc"` → `W/"abc-gzip"`) and, before the wrapped responder sees a request,
/// strips that suffix from the tags of `If-None-Match` / `If-Match` (RFC 9110 §13.1.1,
/// §13.1.2), so the application only ever deals with its own tags. An application tag
/// that itself ends in `-gzip` would be misread; avoid such tags.
enum GzipEntityTag {
    /// What is appended inside the quotes.
    static let suffix = "-gzip"

    /// One parsed `entity-tag`: `[ W/ ] DQUOTE *etagc DQUOTE`.
    struct Tag: Equatable {
        /// Whether it had the `W/` prefix (case-sensitive, RFC 9110 §8.8.3).
        var isWeak: Bool
        /// The characters between the quotes.
        var opaque: String

        /// The tag as sent on the wire.
        var text: String { (isWeak ? "W/" : "") + "\"" + opaque + "\"" }
    }

    /// The gzip representation's tag for the identity tag `etag`, or `nil` when `etag`
    /// is not a single well-formed entity-tag.
    static func encoded(_ etag: String) -> String? {
        guard let tags = parseList(etag), tags.count == 1, var tag = tags.first else { return nil }
        tag.opaque += suffix
        return tag.text
    }

    /// `value` of an `If-None-Match` or `If-Match` field with the `-gzip` suffix removed
    /// from every tag that has one; `*` and lists that do not parse are returned as is.
    static func decodedList(_ value: String) -> String {
        guard value.trimmingOWS() != "*", let tags = parseList(value) else { return value }
        guard tags.contains(where: { $0.opaque.hasSuffix(suffix) }) else { return value }
        return tags.map { tag in
            var tag = tag
            if tag.opaque.hasSuffix(suffix) { tag.opaque.removeLast(suffix.count) }
            return tag.text
        }.joined(separator: ", ")
    }

    /// Parses `#entity-tag` (RFC 9110 §5.6.1 list of §8.8.3 tags). Commas may occur
    /// inside the quotes, so this scans rather than splitting. Empty list elements are
    /// skipped.
    /// - Returns: the tags in order, or `nil` when the value is not a well-formed list.
    static func parseList(_ value: String) -> [Tag]? {
        let bytes = Array(value.utf8)
        var tags: [Tag] = []
        var index = 0
        func skipWhitespace() {
            while index < bytes.count, ByteClass.isWhitespace(bytes[index]) { index += 1 }
        }
        while true {
            skipWhitespace()
            while index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
            }
            guard index < bytes.count else { return tags }
            var isWeak = false
            if bytes[index] == UInt8(ascii: "W"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                isWeak = true
                index += 2
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                guard isEntityTagChar(bytes[index]) else { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }          // no closing quote
            tags.append(Tag(isWeak: isWeak, opaque: String(decoding: bytes[start..<index], as: UTF8.self)))
            index += 1
            skipWhitespace()
            guard index == bytes.count || bytes[index] == UInt8(ascii: ",") else { return nil }
        }
    }

    /// `etagc = %x21 / %x23-7E / obs-text`.
    private static func isEntityTagChar(_ byte: UInt8) -> Bool {
        byte == 0x21 || (byte >= 0x23 && byte != 0x7F)
    }
}
