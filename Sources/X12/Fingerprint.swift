/// Canonical form and hash of a transaction set's content, for `ERAPayment.fingerprint`.
///
/// Each segment between ST and SE (both excluded) is written as: id, then each element
/// preceded by '*', components separated by ':', repetitions by '^', and '~' after the
/// segment; trailing empty elements and trailing empty components are dropped; padding
/// between segments is never seen (the scanner drops it). A content byte that equals one
/// of the canonical delimiters (possible when the file declares other ones) is written as
/// 0xFF followed by the byte, so two different contents never share a canonical form.
/// The form is hashed with SHA-256 as it is produced (memory: a 16 KiB scratch buffer;
/// a segment of 16 KiB or more is hashed where it lies).
struct Fingerprint {
    private var hasher = FingerprintHasher()
    /// The canonical form not yet hashed: `scratch[0..<used]` (its count stays `flushSize`).
    private var scratch = [UInt8](repeating: 0, count: Fingerprint.flushSize)
    private var used = 0
    private static let flushSize = 16 * 1024

    /// Adds one segment of the set in canonical form.
    mutating func add(_ segment: X12Segment) {
        if segment.plainContent, let body = Fingerprint.plainCanonical(segment) {
            appendCopy(body)
            return
        }
        let component = segment.delimiters.component
        // The element count once trailing empty elements (or ones made only of component
        // separators) are dropped.
        var last = segment.count
        while last >= 1 && Fingerprint.trimmedEnd(segment.bytes(last), component) == 0 { last -= 1 }
        if Fingerprint.isCanonical(segment, keeping: last) {
            // The bytes are their own canonical form, copied at once.
            appendCopy(UnsafeRawBufferPointer(rebasing: segment.buffer[segment.start..<segment.ends[last]]))
        } else {
            append(segment.bytes(0))
            if last >= 1 {
                for index in 1...last { appendElement(segment.bytes(index), segment.delimiters) }
            }
        }
        append(UInt8(ascii: "~"))
    }

    /// The common case (files written with * : ^ ~, `plainContent`, no trailing empty element,
    /// no element ending in ':'): the segment's bytes and its '~' terminator, which are their
    /// own canonical form. Nil when the general path must decide.
    @inline(__always)
    private static func plainCanonical(_ segment: X12Segment) -> UnsafeRawBufferPointer? {
        let delimiters = segment.delimiters
        guard delimiters.element == UInt8(ascii: "*"), delimiters.component == UInt8(ascii: ":"),
              delimiters.terminator == UInt8(ascii: "~"),
              delimiters.repetition == nil || delimiters.repetition == UInt8(ascii: "^") else { return nil }
        let ends = segment.ends
        let end = ends[ends.count - 1]
        guard let base = segment.buffer.baseAddress, end < segment.buffer.count,
              base.load(fromByteOffset: end, as: UInt8.self) == UInt8(ascii: "~") else { return nil }
        // Each element after the id: non-empty-and-not-ending-in-':' is what is checked by
        // its last byte (an empty element's last byte is the '*' before it).
        var index = 1
        while index < ends.count {
            let final = base.load(fromByteOffset: ends[index] - 1, as: UInt8.self)
            if final == UInt8(ascii: ":") { return nil }
            index += 1
        }
        if ends.count > 1 && base.load(fromByteOffset: end - 1, as: UInt8.self) == UInt8(ascii: "*") { return nil }
        return UnsafeRawBufferPointer(start: base + segment.start, count: end + 1 - segment.start)
    }

    /// Appends bytes of canonical form at once (hashed where they lie when they would not fit
    /// the scratch buffer).
    @inline(__always)
    private mutating func appendCopy(_ body: UnsafeRawBufferPointer) {
        if used + body.count > Fingerprint.flushSize { flush() }
        if body.count >= Fingerprint.flushSize {
            hasher.update(body)
        } else {
            let offset = used
            scratch.withUnsafeMutableBytes { UnsafeMutableRawBufferPointer(rebasing: $0[offset...]).copyMemory(from: body) }
            used += body.count
        }
    }

    /// Appends one byte of canonical form.
    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if used == Fingerprint.flushSize { flush() }
        scratch[used] = byte
        used += 1
    }

    /// Appends bytes of canonical form.
    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes { append(byte) }
    }

    /// Appends '*' and one element in canonical form (trailing components dropped).
    private mutating func appendElement(_ value: UnsafeRawBufferPointer, _ delimiters: X12Delimiters) {
        append(UInt8(ascii: "*"))
        let end = Fingerprint.trimmedEnd(value, delimiters.component)
        for position in 0..<end {
            let byte = value[position]
            if byte == delimiters.component {
                append(UInt8(ascii: ":"))
            } else if byte == delimiters.repetition {
                append(UInt8(ascii: "^"))
            } else {
                switch byte {
                case UInt8(ascii: "*"), UInt8(ascii: ":"), UInt8(ascii: "^"), UInt8(ascii: "~"):
                    append(0xFF)
                default: break
                }
                append(byte)
            }
        }
    }

    /// Whether elements 0...`last` of `segment` are already in canonical form: delimiters
    /// `*` and `:` (and `^` or none for repetitions), no element ending in a component
    /// separator, no content byte that would need escaping ('^' without a repetition
    /// separator, '~' when the terminator is another byte).
    private static func isCanonical(_ segment: X12Segment, keeping last: Int) -> Bool {
        let delimiters = segment.delimiters
        guard delimiters.element == UInt8(ascii: "*"), delimiters.component == UInt8(ascii: ":") else { return false }
        if let repetition = delimiters.repetition, repetition != UInt8(ascii: "^") { return false }
        if last >= 1 {
            for index in 1...last {
                let value = segment.bytes(index)
                if let final = value.last, final == UInt8(ascii: ":") { return false }
            }
        }
        if segment.plainContent { return true }
        let body = UnsafeRawBufferPointer(rebasing: segment.buffer[segment.start..<segment.ends[last]])
        if delimiters.repetition == nil && SegmentSplitter.find(UInt8(ascii: "^"), in: body, from: 0) != nil {
            return false
        }
        if delimiters.terminator != UInt8(ascii: "~") && SegmentSplitter.find(UInt8(ascii: "~"), in: body, from: 0) != nil {
            return false
        }
        return true
    }

    /// The lowercase hex SHA-256 of every segment added since the last call; starts over.
    mutating func finish() -> String {
        flush()
        let digest = hasher.finalize()
        return String(unsafeUninitializedCapacity: digest.count * 2) { text in
            for (index, byte) in digest.enumerated() {
                text[2 * index] = Fingerprint.hexDigit(byte >> 4)
                text[2 * index + 1] = Fingerprint.hexDigit(byte & 0x0F)
            }
            return digest.count * 2
        }
    }

    /// The lowercase hex digit of a value 0...15.
    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x57 + value
    }

    /// Forgets the segments added (a set abandoned on an error).
    mutating func reset() {
        used = 0
        hasher = FingerprintHasher()
    }

    private mutating func flush() {
        guard used > 0 else { return }
        let count = used
        scratch.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        used = 0
    }

    /// The length of `value` without its trailing component separators.
    private static func trimmedEnd(_ value: UnsafeRawBufferPointer, _ component: UInt8) -> Int {
        var end = value.count
        while end > 0 && value[end - 1] == component { end -= 1 }
        return end
    }
}
