extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text` in one copy from its contiguous storage (the generic
    /// `append(contentsOf: text.utf8)` goes byte by byte through an iterator; this runs for
    /// every header line and log line).
    @inline(__always)
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
