#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers of the scanner: finding a segment terminator, splitting a segment into
/// elements, checking its bytes and id. Pure functions over `UnsafeRawBufferPointer`.
enum SegmentSplitter {
    /// What is wrong with a segment's bytes.
    enum Problem: Error, Equatable {
        /// A byte that is neither printable ASCII nor a declared delimiter, at this index.
        case invalidByte(index: Int, byte: UInt8)
    }

    /// Index of the first `byte` in `raw[from...]`, or nil (memchr: vectorised by libc).
    static func find(_ byte: UInt8, in raw: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard from < raw.count, let base = raw.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), raw.count - from) else { return nil }
        return UnsafeRawPointer(hit) - base
    }

    /// Splits `raw[start..<end]` (one segment, terminator excluded) at each element
    /// separator: `ends[0..<count]` receives the end index of each element, the id first
    /// (`ends` grows as needed; its size is not the count). Every byte must be printable
    /// ASCII (0x20–0x7E) or a declared delimiter (element, component, repetition separator).
    /// Returns the element count, or the first problem.
    static func split(_ raw: UnsafeRawBufferPointer, start: Int, end: Int, delimiters: X12Delimiters,
                      into ends: inout [Int]) -> Result<Int, Problem> {
        let most = end - start + 1
        if ends.count < most { ends = [Int](repeating: 0, count: max(most, 2 * ends.count, 64)) }
        let element = delimiters.element
        let component = delimiters.component
        let repetition = delimiters.repetition ?? element
        return ends.withUnsafeMutableBufferPointer { out -> Result<Int, Problem> in
            var count = 0
            var index = start
            // Eight bytes at a time while they are all printable ASCII: separators are found
            // from a zero-byte mask of (word XOR separator), without a branch per byte.
            let separators = UInt64(element) &* 0x0101_0101_0101_0101
            while end - index >= 8 {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                guard isPrintable(word) else { break }
                var found = zeroBytes(word ^ separators)
                while found != 0 {
                    out[count] = index + found.trailingZeroBitCount / 8
                    count += 1
                    found &= found &- 1
                }
                index += 8
            }
            while index < end {
                let byte = raw[index]
                if byte == element {
                    out[count] = index
                    count += 1
                } else if byte &- 0x20 > 0x5E && byte != component && byte != repetition {
                    return .failure(.invalidByte(index: index, byte: byte))
                }
                index += 1
            }
            out[count] = end
            return .success(count + 1)
        }
    }

    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether all eight bytes of `word` are in 0x20...0x7E (exact, no carries between bytes).
    @inline(__always)
    static func isPrintable(_ word: UInt64) -> Bool {
        let seven = word & lowBits
        let belowSpace = ~(seven &+ 0x6060_6060_6060_6060) & highBits  // (b & 0x7F) < 0x20
        let delete = (seven &+ 0x0101_0101_0101_0101) & highBits         // (b & 0x7F) == 0x7F
        return (word & highBits) | belowSpace | delete == 0
    }

    /// Padding between segments: CR, LF, space, tab.
    @inline(__always)
    static func isPadding(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The high bit of each byte of `word` that is padding (see `isPadding`), exact.
    @inline(__always)
    static func paddingBytes(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ 0x2020_2020_2020_2020) | zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
            | zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D) | zeroBytes(word ^ 0x0909_0909_0909_0909)
    }

    /// The high bit of each byte of `word` that is zero (exact).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lowBits) &+ lowBits) | word) & highBits
    }

    /// The best guess of a segment id at `raw[start...]` for error messages: the leading
    /// 2–3 upper-case letters or digits, or "".
    static func guessID(_ raw: UnsafeRawBufferPointer, start: Int) -> String {
        var end = start
        while end < raw.count, end - start < 4, isIDByte(raw[end]) { end += 1 }
        let length = end - start
        guard length == 2 || length == 3 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<end]), as: UTF8.self)
    }

    /// Explains a first element that is not a segment id. When it starts with an id followed
    /// by a punctuation byte, that byte is probably an element separator the ISA does not
    /// declare.
    static func badIDMessage(_ raw: UnsafeRawBufferPointer, start: Int, idEnd: Int,
                             delimiters: X12Delimiters) -> String {
        let id = guessID(raw, start: start)
        let after = start + id.utf8.count
        if !id.isEmpty, after < idEnd {
            let byte = raw[after]
            if byte > 0x20, byte < 0x7F, !X12Delimiters.isAlphanumeric(byte) {
                return "segment \(id) uses \(describe(byte)) where the interchange declares "
                    + "\(describe(delimiters.element)) as element separator"
            }
        }
        return "a segment must start with an id of 2 or 3 upper-case letters or digits"
    }

    /// A delimiter or byte for messages: '~' when printable, else 0x0A.
    static func describe(_ byte: UInt8) -> String {
        if byte > 0x20 && byte < 0x7F { return "'\(String(decoding: [byte], as: UTF8.self))'" }
        let digits = Array("0123456789ABCDEF".utf8)
        return "0x" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }

    static func isIDByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
    }

    /// Whether `raw[at...]` starts with `text` (false when too short).
    static func hasPrefix(_ raw: UnsafeRawBufferPointer, at: Int, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard raw.count - at >= count else { return false }
        for index in 0..<count where raw[at + index] != text.utf8Start[index] { return false }
        return true
    }
}
