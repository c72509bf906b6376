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
        let repetition = segment.delimiters.repetition
        // The element count once trailing empty elements (or ones made only of component
        // separators) are dropped.
        var last = segment.count
        while last >= 1 && Fingerprint.trimmedEnd(segment.bytes(last), component) == 0 { last -= 1 }
        scratch.append(contentsOf: segment.bytes(0))
        if last >= 1 {
            for index in 1...last {
                scratch.append(UInt8(ascii: "*"))
                let value = segment.bytes(index)
                let end = Fingerprint.trimmedEnd(value, component)
                for position in 0..<end {
                    let byte = value[position]
                    if byte == component {
                        scratch.append(UInt8(ascii: ":"))
                    } else if byte == repetition {
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
        }
        scratch.append(UInt8(ascii: "~"))
        if scratch.count >= Fingerprint.flushSize { flush() }
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
