/// One pass that finds a segment's terminator and its element ends together (the scanner's
/// common case), instead of a terminator search followed by `SegmentSplitter.split`.
///
/// It gives up (`nil`) whenever the careful two-pass path must decide: no terminator in the
/// buffer, a byte that is neither printable ASCII nor a declared delimiter before the
/// terminator (the two-pass path reports it, or a length error, in its own order), or more
/// elements than `ends` holds. When it succeeds, its result equals that two-pass path's.
extension SegmentSplitter {
    /// A segment found by `splitToTerminator`: the terminator's index, the segment's end
    /// (exclusive: the terminator, or the CR before an LF terminator) and the element count
    /// written to `ends`.
    struct FastSegment {
        var terminator: Int
        var end: Int
        var count: Int
    }

    /// Splits the segment starting at `raw[start]` up to its terminator: `ends[0..<count]`
    /// receives the end index of each element (the id first), as `split` would give for
    /// `raw[start..<end]`. Nil when the careful path must take over (see the type's note).
    @inline(__always)
    static func splitToTerminator(_ raw: UnsafeRawBufferPointer, start: Int, delimiters: X12Delimiters,
                                  into ends: UnsafeMutableBufferPointer<Int>) -> FastSegment? {
        let element = delimiters.element
        let terminator = delimiters.terminator
        let separators = UInt64(element) &* 0x0101_0101_0101_0101
        let terminators = UInt64(terminator) &* 0x0101_0101_0101_0101
        // Room for one more word of separators and the final end.
        let roomy = ends.count - 9
        var count = 0
        var index = start
        while raw.count - index >= 8 {
            guard count <= roomy else { return nil }
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let stops = zeroBytes(word ^ terminators)
            var found = zeroBytes(word ^ separators)
            var unusual = notPrintable(word) & ~found
            if stops != 0 {
                // Only the bytes before the first terminator belong to this segment.
                let before = (stops & (0 &- stops)) &- 1
                found &= before
                unusual &= before
            }
            if unusual != 0 {
                // A delimiter that is not printable, a CR before an LF terminator, or a fault:
                // this word byte by byte.
                return finishBytewise(raw, start: start, from: index, count: count, delimiters: delimiters, into: ends)
            }
            while found != 0 {
                ends[count] = index &+ found.trailingZeroBitCount &>> 3
                count &+= 1
                found &= found &- 1
            }
            if stops != 0 {
                let at = index &+ stops.trailingZeroBitCount &>> 3
                ends[count] = at
                return FastSegment(terminator: at, end: at, count: count &+ 1)
            }
            index &+= 8
        }
        guard count <= roomy else { return nil }
        return finishBytewise(raw, start: start, from: index, count: count, delimiters: delimiters, into: ends)
    }

    /// The byte-by-byte rest of `splitToTerminator`, from `from` (element ends before it
    /// already written, `count` of them) to the terminator or the end of `raw`.
    private static func finishBytewise(_ raw: UnsafeRawBufferPointer, start: Int, from: Int, count found: Int,
                                       delimiters: X12Delimiters,
                                       into ends: UnsafeMutableBufferPointer<Int>) -> FastSegment? {
        let element = delimiters.element
        let component = delimiters.component
        let repetition = delimiters.repetition ?? element
        let terminator = delimiters.terminator
        var count = found
        var index = from
        while index < raw.count {
            let byte = raw[index]
            if byte == terminator {
                var end = index
                if terminator == 0x0A && end > start && raw[end - 1] == 0x0D { end -= 1 }
                guard count < ends.count else { return nil }
                ends[count] = end
                return FastSegment(terminator: index, end: end, count: count + 1)
            }
            if byte == element {
                guard count < ends.count - 1 else { return nil }
                ends[count] = index
                count += 1
            } else if byte &- 0x20 > 0x5E && byte != component && byte != repetition {
                // Allowed only as the CR of a CR LF terminator.
                guard byte == 0x0D, terminator == 0x0A, index + 1 < raw.count, raw[index + 1] == 0x0A else {
                    return nil
                }
            }
            index += 1
        }
        return nil
    }

    /// The high bit of each byte of `word` outside 0x20...0x7E (exact, see `isPrintable`).
    @inline(__always)
    static func notPrintable(_ word: UInt64) -> UInt64 {
        let seven = word & 0x7F7F_7F7F_7F7F_7F7F
        let belowSpace = ~(seven &+ 0x6060_6060_6060_6060) & 0x8080_8080_8080_8080
        let delete = (seven &+ 0x0101_0101_0101_0101) & 0x8080_8080_8080_8080
        return (word & 0x8080_8080_8080_8080) | belowSpace | delete
    }
}
