/// Building short ASCII element texts as Swift small strings without the general String
/// initializer (validation, closure and copy calls were a tenth of the reader's time).
///
/// A Swift string of at most 15 UTF-8 bytes is stored inline in its two words: the bytes in
/// order, then a last byte holding flags and the count. `make` writes those two words
/// directly, but only after `layoutMatches` has checked, once per process, that this
/// runtime's own strings have exactly the bits `make` would write for sample texts of every
/// length 0–15; otherwise (or for longer or non-ASCII bytes) the caller falls back to the
/// general initializer. Same text, same bits: the strings are indistinguishable.
enum SmallASCII {
    /// Whether the standard library lays small ASCII strings out as `bits` does (checked
    /// against its own strings for every length 0–15 and two patterns).
    static let layoutMatches: Bool = {
        let samples = [Array("0123456789ABCDEFG".utf8), Array("zyx wvu:tsr*qpo^".utf8)]
        for sample in samples {
            for count in 0...15 {
                let prefix = Array(sample[0..<count])
                let reference = String(decoding: prefix, as: UTF8.self)
                let built = prefix.withUnsafeBytes { bits($0) }
                let actual = unsafeBitCast(reference, to: (UInt64, UInt64).self)
                guard let built, built == actual else { return false }
            }
        }
        return true
    }()

    /// The text of `bytes` (at most 15 ASCII bytes) as a small string; nil when it is longer,
    /// not ASCII, or this runtime's layout differs (see `layoutMatches`).
    @inline(__always)
    static func make(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard bytes.count <= 15, layoutMatches, let words = bits(bytes) else { return nil }
        return unsafeBitCast(words, to: String.self)
    }

    /// The two words of a small ASCII string holding `bytes`; nil when more than 15 bytes
    /// or a byte is not ASCII.
    @inline(__always)
    static func bits(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        let count = bytes.count
        guard count <= 15 else { return nil }
        guard let base = bytes.baseAddress else { return count == 0 ? (0, 0xE0 &<< 56) : nil }
        // Loads within the bytes only; overlapping loads put the same byte in the same place.
        var low: UInt64 = 0
        var high: UInt64 = 0
        if count >= 8 {
            low = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
            if count > 8 {
                let tail = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
                high = tail &>> UInt64(8 &* (16 &- count))
            }
        } else if count >= 4 {
            let head = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            let tail = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)))
            low = head | tail &<< UInt64(8 &* (count &- 4))
        } else {
            var index = 0
            while index < count {
                low |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) &<< UInt64(8 &* index)
                index &+= 1
            }
        }
        guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
        // Flags of an immortal, small, ASCII string, and the count.
        high |= (0xE0 | UInt64(count)) &<< 56
        return (low, high)
    }
}
