/// Takes the segments a `SegmentScanner` finds.
protocol SegmentHandler {
    /// Whether an interchange (ISA) or a bare transaction set (ST) may start here.
    var atTopLevel: Bool { get }
    /// Takes one segment, valid only during the call.
    mutating func handle(_ segment: X12Segment) throws(X12Error)
}

/// Turns a stream of bytes, fed in chunks of any size, into segments.
///
/// Holds only the bytes of the segment not yet terminated (at most `maxSegmentLength`),
/// never what was already handed out. Between segments it drops padding: CR, LF, space,
/// tab, and a UTF-8 byte-order mark where an interchange may start. Delimiters come from
/// each ISA (re-read at every interchange) or, for a file starting with ST, from that ST
/// (see `X12Delimiters.bare`). Positions (segment number, byte offset) count from the start
/// of the stream. `statistics` counts the work done, for tests of linear time.
///
/// Errors: a first segment that is neither ISA nor ST; an ISA not 106 bytes long; a byte
/// that is not printable ASCII nor a declared delimiter; a segment id that is not 2–3
/// upper-case letters or digits; a segment longer than `maxSegmentLength`; the input ending
/// inside a segment (except an IEA lacking only its terminator, accepted with a warning).
struct SegmentScanner {
    /// Longest segment accepted, terminator excluded (real 835 segments stay under 1 KiB).
    static let maxSegmentLength = 65_536

    /// Work counters: bytes looked at and segments handed out, since the start.
    struct Statistics: Equatable { var bytesScanned = 0; var segments = 0 }

    private(set) var delimiters: X12Delimiters?
    private var pending: [UInt8] = []
    /// Stream offset of `pending[0]`.
    private var baseOffset = 0
    /// Stream offset from which the terminator search resumes (bytes before it hold none).
    private var searchFrom = 0
    private(set) var segmentCount = 0
    private(set) var statistics = Statistics()
    /// Warnings about the byte stream itself (an unterminated last IEA).
    private(set) var warnings: [X12Warning] = []

    /// Bytes kept for the next `drain` (the unfinished segment).
    var pendingCount: Int { pending.count }

    /// Stream offset just past the last byte fed.
    var streamLength: Int { baseOffset + pending.count }

    /// Keeps `bytes` for the next `drain`.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        pending.append(contentsOf: bytes)
    }

    /// Hands every complete segment of the bytes fed so far to `handler`, in order, and
    /// keeps the unfinished rest. With `atEnd`, the rest must be padding (or an unterminated
    /// IEA). The handler also tells whether an interchange or bare set may start.
    mutating func drain<Handler: SegmentHandler>(atEnd: Bool, handler: inout Handler) throws(X12Error) {
        var buffer: [UInt8] = []
        swap(&buffer, &pending)
        // Element ends of the segments split in one pass (on the stack, reused per segment).
        let consumed = try withUnsafeTemporaryAllocation(of: Int.self, capacity: SegmentScanner.fastElements) {
            (scratch) throws(X12Error) -> Int in
            try buffer.withUnsafeBufferPointer { (pointer) throws(X12Error) -> Int in
                try scan(UnsafeRawBufferPointer(pointer), atEnd: atEnd, scratch: scratch, handler: &handler)
            }
        }
        buffer.removeFirst(consumed)
        baseOffset += consumed
        pending = buffer
    }

    /// Elements a segment may have for the one-pass split; longer ones take the two-pass path.
    static let fastElements = 256

    private mutating func scan<Handler: SegmentHandler>(_ raw: UnsafeRawBufferPointer, atEnd: Bool,
                                                        scratch: UnsafeMutableBufferPointer<Int>,
                                                        handler: inout Handler) throws(X12Error) -> Int {
        var position = 0
        var ends: [Int] = []
        // Whether this buffer needs no escaping in fingerprints under the current delimiters
        // (nil: not computed yet; they change only where an interchange may start).
        var plain: Bool?
        while true {
            let topLevel = handler.atTopLevel
            guard let start = skipPadding(raw, from: position, topLevel: topLevel, atEnd: atEnd) else { break }
            position = start
            if start == raw.count { break }
            if topLevel || delimiters == nil {
                guard try readDelimiters(raw, at: start, atEnd: atEnd) else { break }
                plain = nil
            }
            guard let delimiters else { break }
            let plainNow: Bool
            if let plain {
                plainNow = plain
            } else {
                plainNow = SegmentScanner.plainContent(raw, delimiters)
                plain = plainNow
            }
            // The common case: a segment not searched before, split while its terminator is
            // found. The counters move as on the two-pass path below.
            if searchFrom - baseOffset <= start,
               let found = SegmentSplitter.splitToTerminator(raw, start: start, delimiters: delimiters, into: scratch) {
                statistics.bytesScanned += found.terminator + 1 - start
                try checkLength(found.end - start, raw, start)
                try emit(raw, start: start, end: found.end, ends: UnsafeBufferPointer(rebasing: scratch[0..<found.count]),
                         delimiters: delimiters, plain: plainNow, handler: &handler)
                position = found.terminator + 1
                searchFrom = baseOffset + position
                continue
            }
            guard let terminator = SegmentSplitter.find(delimiters.terminator, in: raw,
                                                        from: max(start, searchFrom - baseOffset)) else {
                statistics.bytesScanned += raw.count - max(start, searchFrom - baseOffset)
                searchFrom = baseOffset + raw.count
                try checkLength(raw.count - start, raw, start)
                if atEnd {
                    try finishUnterminated(raw, start: start, delimiters: delimiters, ends: &ends, handler: &handler)
                    position = raw.count
                }
                break
            }
            statistics.bytesScanned += terminator + 1 - max(start, searchFrom - baseOffset)
            var end = terminator
            if delimiters.terminator == 0x0A && end > start && raw[end - 1] == 0x0D { end -= 1 }
            try checkLength(end - start, raw, start)
            try splitAndEmit(raw, start: start, end: end, delimiters: delimiters, plain: plainNow,
                             ends: &ends, handler: &handler)
            position = terminator + 1
            searchFrom = baseOffset + position
        }
        return position
    }

    /// Splits (the two-pass path), checks and hands out one segment.
    private mutating func splitAndEmit<Handler: SegmentHandler>(
        _ raw: UnsafeRawBufferPointer, start: Int, end: Int, delimiters: X12Delimiters, plain: Bool = false,
        ends: inout [Int], handler: inout Handler
    ) throws(X12Error) {
        let count: Int
        switch SegmentSplitter.split(raw, start: start, end: end, delimiters: delimiters, into: &ends) {
        case .success(let found):
            count = found
        case .failure(.invalidByte(let index, let byte)):
            throw X12Error(segmentNumber: segmentCount + 1, byteOffset: baseOffset + start,
                           segmentID: SegmentSplitter.guessID(raw, start: start),
                           message: "byte \(SegmentSplitter.describe(byte)) at offset \(baseOffset + index) "
                               + "is neither printable ASCII nor a declared delimiter")
        }
        try ends.withUnsafeBufferPointer { (pointer) throws(X12Error) in
            try emit(raw, start: start, end: end, ends: UnsafeBufferPointer(rebasing: pointer[0..<count]),
                     delimiters: delimiters, plain: plain, handler: &handler)
        }
    }

    /// Checks the id of one split segment (`ends`: its element ends) and hands it out.
    @inline(__always)
    private mutating func emit<Handler: SegmentHandler>(
        _ raw: UnsafeRawBufferPointer, start: Int, end: Int, ends: UnsafeBufferPointer<Int>,
        delimiters: X12Delimiters, plain: Bool, handler: inout Handler
    ) throws(X12Error) {
        segmentCount += 1
        statistics.segments += 1
        statistics.bytesScanned += end - start
        let offset = baseOffset + start
        guard let id = SegmentID.pack(UnsafeRawBufferPointer(rebasing: raw[start..<ends[0]])) else {
            throw X12Error(segmentNumber: segmentCount, byteOffset: offset,
                           segmentID: SegmentSplitter.guessID(raw, start: start),
                           message: SegmentSplitter.badIDMessage(raw, start: start, idEnd: ends[0],
                                                                 delimiters: delimiters))
        }
        try handler.handle(X12Segment(buffer: raw, start: start, ends: ends, id: id, number: segmentCount,
                                      offset: offset, delimiters: delimiters, plainContent: plain))
    }

    /// Whether `raw` holds no byte that the canonical form would escape under `delimiters`
    /// (see `X12Segment.plainContent`).
    private static func plainContent(_ raw: UnsafeRawBufferPointer, _ delimiters: X12Delimiters) -> Bool {
        if delimiters.repetition == nil && SegmentSplitter.find(UInt8(ascii: "^"), in: raw, from: 0) != nil {
            return false
        }
        if delimiters.terminator != UInt8(ascii: "~") && SegmentSplitter.find(UInt8(ascii: "~"), in: raw, from: 0) != nil {
            return false
        }
        return true
    }

    /// Index of the first byte after padding, or nil when more bytes are needed to tell
    /// (a partial byte-order mark at the end of what was fed).
    @inline(__always)
    private func skipPadding(_ raw: UnsafeRawBufferPointer, from: Int, topLevel: Bool, atEnd: Bool) -> Int? {
        var index = from
        while true {
            // Eight bytes at a time (indented files pad every line with a dozen bytes).
            while raw.count - index >= 8 {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let padding = SegmentSplitter.paddingBytes(word)
                if padding == 0x8080_8080_8080_8080 {
                    index += 8
                } else {
                    index += (~padding & 0x8080_8080_8080_8080).trailingZeroBitCount / 8
                    break
                }
            }
            while index < raw.count, SegmentSplitter.isPadding(raw[index]) { index += 1 }
            guard index < raw.count, raw[index] == 0xEF, topLevel else { return index }
            // A UTF-8 byte-order mark where an interchange may start.
            let available = min(3, raw.count - index)
            if available >= 2 && raw[index + 1] != 0xBB { return index }
            if available >= 3 && raw[index + 2] != 0xBF { return index }
            if available < 3 { return atEnd ? index : nil }
            index += 3
        }
    }

    /// At a point where an interchange may start: reads the delimiters of an ISA, or of a
    /// first bare ST. False when more bytes are needed.
    private mutating func readDelimiters(_ raw: UnsafeRawBufferPointer, at start: Int,
                                         atEnd: Bool) throws(X12Error) -> Bool {
        let available = raw.count - start
        // Four bytes tell an id (and the byte after it) whatever the chunking.
        if available < 4 && !atEnd { return false }
        let offset = baseOffset + start
        if SegmentSplitter.hasPrefix(raw, at: start, "ISA") {
            if available < X12Delimiters.isaLength {
                if !atEnd { return false }
                throw X12Error(segmentNumber: segmentCount + 1, byteOffset: offset, segmentID: "ISA",
                               message: "the input ends inside the ISA (an ISA is 106 bytes)")
            }
            switch X12Delimiters.fromISA(UnsafeRawBufferPointer(rebasing: raw[start..<raw.count])) {
            case .success(let found): delimiters = found
            case .failure(let problem):
                throw X12Error(segmentNumber: segmentCount + 1, byteOffset: offset, segmentID: "ISA",
                               message: problem.message)
            }
            return true
        }
        if delimiters != nil { return true }
        if SegmentSplitter.hasPrefix(raw, at: start, "ST") {
            switch X12Delimiters.bare(UnsafeRawBufferPointer(rebasing: raw[start..<raw.count]), atEnd: atEnd) {
            case .found(let found):
                delimiters = found
                return true
            case .needMore:
                return false
            case .notST, .noTerminator:
                break
            }
        }
        throw X12Error(segmentNumber: segmentCount + 1, byteOffset: offset,
                       segmentID: SegmentSplitter.guessID(raw, start: start),
                       message: "the input does not start with an ISA or ST segment")
    }

    private func checkLength(_ length: Int, _ raw: UnsafeRawBufferPointer, _ start: Int) throws(X12Error) {
        guard length > SegmentScanner.maxSegmentLength else { return }
        throw X12Error(segmentNumber: segmentCount + 1, byteOffset: baseOffset + start,
                       segmentID: SegmentSplitter.guessID(raw, start: start),
                       message: "no segment terminator \(terminatorText) within "
                           + "\(SegmentScanner.maxSegmentLength) bytes")
    }

    /// The input ended inside a segment: an IEA lacking only its terminator is read, with a
    /// warning; anything else is a truncated input.
    private mutating func finishUnterminated<Handler: SegmentHandler>(
        _ raw: UnsafeRawBufferPointer, start: Int, delimiters: X12Delimiters, ends: inout [Int],
        handler: inout Handler
    ) throws(X12Error) {
        var end = raw.count
        while end > start, [0x0D, 0x0A, 0x20, 0x09].contains(raw[end - 1]) { end -= 1 }
        let id = SegmentSplitter.guessID(raw, start: start)
        if id == "IEA", end > start + 3, raw[start + 3] == delimiters.element {
            try splitAndEmit(raw, start: start, end: end, delimiters: delimiters, ends: &ends, handler: &handler)
            warnings.append(X12Warning(segmentNumber: segmentCount, byteOffset: baseOffset + start, segmentID: "IEA",
                                       message: "the last segment has no segment terminator \(terminatorText)"))
            return
        }
        throw X12Error(segmentNumber: segmentCount + 1, byteOffset: baseOffset + start, segmentID: id,
                       message: "the input ends inside a segment (no segment terminator \(terminatorText))")
    }

    private var terminatorText: String {
        delimiters.map { SegmentSplitter.describe($0.terminator) } ?? "?"
    }
}
