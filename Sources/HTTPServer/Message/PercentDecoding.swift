/// Percent-decoding of URI components (RFC 3986 §2.1) and of
/// `application/x-www-form-urlencoded` strings (WHATWG URL §5.1).
enum PercentDecoding {
    /// Decodes `%XX` escapes in `text` exactly once and returns the result as UTF-8.
    ///
    /// - Parameters:
    ///   - text: the encoded component, e.g. `"a%20b"`.
    ///   - plusAsSpace: when `true`, `+` decodes to a space (form encoding, queries);
    ///     when `false`, `+` stays `+` (path segments).
    /// - Returns: the decoded string, or `nil` when an escape is not `%` followed by two
    ///   hex digits or the decoded bytes are not valid UTF-8.
    static func decode<S: StringProtocol>(_ text: S, plusAsSpace: Bool) -> String? {
        let utf8 = text.utf8
        // Fast path: nothing to decode.
        if !utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue),
                      let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusAsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        // Decoding repairs invalid UTF-8 with U+FFFD, which changes the bytes: reject then.
        let decoded = String(decoding: bytes, as: UTF8.self)
        return decoded.utf8.elementsEqual(bytes) ? decoded : nil
    }

    /// The value of one hex digit (`0-9`, `a-f`, `A-F`), or `nil`.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
