/// A request body parsed as strict RFC 8259 JSON: no trailing commas, comments, single quotes,
/// leading zeros, bare control characters, lone surrogates or invalid UTF-8, and no member name
/// twice in one object (§4 leaves duplicates to the reader; we refuse them so that no client
/// and server read one body two ways). Numbers keep their text so integers are read exactly.
indirect enum JSONInput: Sendable {
    case null
    case bool(Bool)
    /// The number as written (RFC 8259 §6 grammar already checked).
    case number(String)
    case string(String)
    case array([JSONInput])
    /// Members in the order written; names are unique.
    case object([(name: String, value: JSONInput)])

    /// Why a body is not strict JSON.
    enum Failure: Error, Equatable {
        /// Not JSON at all: what is wrong and the byte offset where it was found (400).
        case syntax(offset: Int, message: String)
        /// Well-formed, but an object names a member twice: the JSON pointer of the second (422).
        case duplicateMember(pointer: String)
    }

    /// Deepest nesting of arrays and objects accepted, so a hostile body cannot exhaust the stack.
    static let maximumDepth = 64

    /// Parses `bytes` as one JSON text (whitespace around it allowed).
    /// - Throws: `Failure`.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONInput {
        var parser = JSONInputParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0, pointer: "")
        parser.skipWhitespace()
        guard parser.offset == bytes.count else { throw parser.fail("unexpected text after the JSON value") }
        return value
    }

    /// `name` escaped as one JSON pointer token (RFC 6901 §3).
    static func pointerToken(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

/// The recursive-descent reader behind `JSONInput.parse`.
struct JSONInputParser {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ message: String) -> JSONInput.Failure { .syntax(offset: offset, message: message) }

    mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    mutating func value(depth: Int, pointer: String) throws(JSONInput.Failure) -> JSONInput {
        guard offset < bytes.count else { throw fail("the body ends where a value should start") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1, pointer: pointer)
        case UInt8(ascii: "["): return try array(depth: depth + 1, pointer: pointer)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONInput.Failure) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - offset >= expected.count, bytes[offset..<offset + expected.count].elementsEqual(expected) else {
            throw fail("expected \(word)")
        }
        offset += expected.count
    }

    private mutating func object(depth: Int, pointer: String) throws(JSONInput.Failure) -> JSONInput {
        guard depth <= JSONInput.maximumDepth else { throw fail("nested deeper than \(JSONInput.maximumDepth) levels") }
        offset += 1
        var members: [(name: String, value: JSONInput)] = []
        var names = Set<String>()
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw fail("expected a member name in double quotes (a comma may not end an object)")
            }
            let name = try string()
            let memberPointer = pointer + "/" + JSONInput.pointerToken(name)
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw fail("expected ':' after a member name") }
            offset += 1
            skipWhitespace()
            let member = try value(depth: depth, pointer: memberPointer)
            guard names.insert(name).inserted else { throw .duplicateMember(pointer: memberPointer) }
            members.append((name, member))
            skipWhitespace()
            guard offset < bytes.count else { throw fail("the body ends inside an object") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            guard bytes[offset] == UInt8(ascii: "}") else { throw fail("expected ',' or '}' in an object") }
            offset += 1
            return .object(members)
        }
    }

    private mutating func array(depth: Int, pointer: String) throws(JSONInput.Failure) -> JSONInput {
        guard depth <= JSONInput.maximumDepth else { throw fail("nested deeper than \(JSONInput.maximumDepth) levels") }
        offset += 1
        var items: [JSONInput] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array(items) }
        while true {
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { throw fail("a comma may not end an array") }
            items.append(try value(depth: depth, pointer: "\(pointer)/\(items.count)"))
            skipWhitespace()
            guard offset < bytes.count else { throw fail("the body ends inside an array") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            guard bytes[offset] == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in an array") }
            offset += 1
            return .array(items)
        }
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(JSONInput.Failure) -> String {
        let start = offset
        func digits() -> Int {
            let first = offset
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
            return offset - first
        }
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) else { throw fail("expected a digit") }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { throw fail("a number may not start with 0") }
        } else {
            _ = digits()
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw fail("expected a digit after the decimal point") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw fail("expected a digit in the exponent") }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// A string token (RFC 8259 §7) starting at the opening quote; its UTF-8 checked.
    private mutating func string() throws(JSONInput.Failure) -> String {
        offset += 1
        var out: [UInt8] = []
        while true {
            guard offset < bytes.count else { throw fail("the body ends inside a string") }
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw .syntax(offset: offset, message: "a string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                offset += 1
                try escape(into: &out)
            case 0..<0x20:
                throw fail("a control character must be escaped inside a string")
            default:
                out.append(byte)
                offset += 1
            }
        }
    }

    /// The byte each one-letter escape stands for (RFC 8259 §7).
    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    private mutating func escape(into out: inout [UInt8]) throws(JSONInput.Failure) {
        guard offset < bytes.count else { throw fail("the body ends inside an escape") }
        let byte = bytes[offset]
        offset += 1
        if let replacement = Self.simpleEscapes[byte] { out.append(replacement); return }
        guard byte == UInt8(ascii: "u") else { throw fail("unknown escape \\\(Unicode.Scalar(byte))") }
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard bytes.count - offset >= 2, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                throw fail("a high surrogate must be followed by a low one")
            }
            offset += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("a high surrogate must be followed by a low one") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw fail("a low surrogate without a high one")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw fail("not a Unicode scalar") }
        UTF8.encode(unicode) { out.append($0) }
    }

    private mutating func hex4() throws(JSONInput.Failure) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw fail("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("expected four hex digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
