/// Byte classes from the HTTP grammar (RFC 9110 §5.6.2, §5.5; RFC 9112 §2.2).
enum ByteClass {
    /// `tchar`: `!#$%&'*+-.^_`|~`, DIGIT, ALPHA — the characters of a token.
    static func isTokenChar(_ byte: UInt8) -> Bool {
        tokenTable[Int(byte)]
    }

    /// A byte allowed in a field value: HTAB, SP, VCHAR, obs-text (0x80–0xFF).
    /// Excludes NUL, CR, LF, other controls and DEL.
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// A byte allowed in a request-target: visible ASCII (0x21–0x7E) except `#`
    /// (a fragment is never sent, RFC 9112 §3.2). Non-ASCII must be percent-encoded.
    static func isTargetByte(_ byte: UInt8) -> Bool {
        byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "#")
    }

    /// SP or HTAB (OWS / BWS).
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    private static let tokenTable: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = true }
        for char in "!#$%&'*+-.^_`|~".utf8 { table[Int(char)] = true }
        return table
    }()
}
