/// Canonical form and hash of a transaction set's content, for `ERAPayment.fingerprint`.
///
/// Each segment between ST and SE (both excluded) is written as: id, then each element
/// preceded by '*', components separated by ':', repetitions by '^', and '~' after the
/// segment; trailing empty elements and trailing empty components are dropped; padding
/// between segments is never seen (the scanner drops it). A content byte that equals one
/// of the canonical delimiters (possible when the file declares other ones) is written as
/// 0xFF followed by the byte, so two different contents never share a canonical form.
/// The form is hashed with SHA-256 as it is produced (memory: a 16 KiB scratch buffer).
struct Fingerprint {
    private var hasher = FingerprintHasher()
    private var scratch: [UInt8] = []
    private static let flushSize = 16 * 1024

    /// Adds one segment of the set in canonical form.
    mutating func add(_ segment: X12Segment) {
        let component = segment.delimiters.component
        // The element count once trailing empty elements (or ones made only of component
        // separators) are dropped.
        var last = segment.count
        while last >= 1 && Fingerprint.trimmedEnd(segment.bytes(last), component) == 0 { last -= 1 }
        if Fingerprint.isCanonical(segment, keeping: last) {
            // The common case (files written with * : ^ ~): the bytes are their own
            // canonical form, copied at once.
            let end = segment.ends[last]
            scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: segment.buffer[segment.start..<end]))
        } else {
            scratch.append(contentsOf: segment.bytes(0))
            if last >= 1 {
                for index in 1...last { appendElement(segment.bytes(index), segment.delimiters) }
            }
        }
        scratch.append(UInt8(ascii: "~"))
        if scratch.count >= Fingerprint.flushSize { flush() }
    }

    /// Appends '*' and one element in canonical form (trailing components dropped).
    private mutating func appendElement(_ value: UnsafeRawBufferPointer, _ delimiters: X12Delimiters) {
        scratch.append(UInt8(ascii: "*"))
        let end = Fingerprint.trimmedEnd(value, delimiters.component)
        for position in 0..<end {
            let byte = value[position]
            if byte == delimiters.component {
                scratch.append(UInt8(ascii: ":"))
            } else if byte == delimiters.repetition {
                scratch.append(UInt8(ascii: "^"))
            } else {
                switch byte {
                case UInt8(ascii: "*"), UInt8(ascii: ":"), UInt8(ascii: "^"), UInt8(ascii: "~"):
                    scratch.append(0xFF)
                default: break
                }
                scratch.append(byte)
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
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Forgets the segments added (a set abandoned on an error).
    mutating func reset() {
        scratch.removeAll(keepingCapacity: true)
        _ = hasher.finalize()
    }

    private mutating func flush() {
        guard !scratch.isEmpty else { return }
        scratch.withUnsafeBytes { hasher.update($0) }
        scratch.removeAll(keepingCapacity: true)
    }

    /// The length of `value` without its trailing component separators.
    private static func trimmedEnd(_ value: UnsafeRawBufferPointer, _ component: UInt8) -> Int {
        var end = value.count
        while end > 0 && value[end - 1] == component { end -= 1 }
        return end
    }
}
