/// Lists of entity tags (RFC 9110 §8.8.3) as `If-Match` and `If-None-Match` carry them
/// (§13.1.1, §13.1.2), and whether such a field names a representation's tag.
public enum EntityTagList {
    /// One parsed `entity-tag`: `[ W/ ] DQUOTE *etagc DQUOTE`.
    public struct Tag: Equatable, Sendable {
        /// Whether it had the `W/` prefix (case-sensitive, RFC 9110 §8.8.3).
        public var isWeak: Bool
        /// The characters between the quotes.
        public var opaque: String

        /// The tag as sent on the wire.
        public var text: String { (isWeak ? "W/" : "") + "\"" + opaque + "\"" }
    }

    /// Parses `#entity-tag` (RFC 9110 §5.6.1 list of §8.8.3 tags). Commas may occur
    /// inside the quotes, so this scans rather than splitting. Empty list elements are
    /// skipped.
    /// - Returns: the tags in order, or `nil` when the value is not a well-formed list.
    public static func parse(_ value: String) -> [Tag]? {
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

extension HTTPRequest {
    /// Whether the conditional field `field` names the representation whose tag is `etag`: it is
    /// `*`, or it lists `etag` — compared strongly for `If-Match` (RFC 9110 §13.1.1: neither tag
    /// weak, same opaque part) and weakly for `If-None-Match` (§13.1.2: same opaque part). Every
    /// field line counts (§5.3). False when the field is absent, and for a line that is not a
    /// well-formed list (it names nothing).
    public func condition(_ field: String, names etag: String) -> Bool {
        guard let current = EntityTagList.parse(etag)?.first else { return false }
        let strong = !asciiCaseInsensitiveEquals(field, "If-None-Match")
        for value in headers.values(field) {
            if value.trimmingOWS() == "*" { return true }
            let named = EntityTagList.parse(value)?.contains { tag in
                tag.opaque == current.opaque && (!strong || (!tag.isWeak && !current.isWeak))
            }
            if named == true { return true }
        }
        return false
    }
}
