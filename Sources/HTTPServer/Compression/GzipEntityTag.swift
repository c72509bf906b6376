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

    /// The gzip representation's tag for the identity tag `etag`, or `nil` when `etag`
    /// is not a single well-formed entity-tag.
    static func encoded(_ etag: String) -> String? {
        guard let tags = EntityTagList.parse(etag), tags.count == 1, var tag = tags.first else { return nil }
        tag.opaque += suffix
        return tag.text
    }

    /// `value` of an `If-None-Match` or `If-Match` field with the `-gzip` suffix removed
    /// from every tag that has one; `*` and lists that do not parse are returned as is.
    static func decodedList(_ value: String) -> String {
        guard value.trimmingOWS() != "*", let tags = EntityTagList.parse(value) else { return value }
        guard tags.contains(where: { $0.opaque.hasSuffix(suffix) }) else { return value }
        return tags.map { tag in
            var tag = tag
            if tag.opaque.hasSuffix(suffix) { tag.opaque.removeLast(suffix.count) }
            return tag.text
        }.joined(separator: ", ")
    }
}
