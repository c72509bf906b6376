/// A view of one segment in the reader's buffer, valid only during the call it is given to.
///
/// Element 0 is the segment id ("CLP"); element n is XXnn (CLP04 = element 4). An element
/// past the last one written reads as empty, as X12 drops trailing empty elements. Text is
/// checked printable ASCII by the scanner, so decoding never fails. Errors raised through
/// `error(_:)` carry the segment's number, byte offset and id.
struct X12Segment {
    /// The whole buffer the segment lies in.
    let buffer: UnsafeRawBufferPointer
    /// Index in `buffer` of the segment's first byte (its id).
    let start: Int
    /// Index in `buffer` of the end (exclusive) of each element, element 0 (the id) first.
    let ends: UnsafeBufferPointer<Int>
    /// Packed id (see `SegmentID`).
    let id: UInt32
    /// 1-based number of the segment in the stream.
    let number: Int
    /// Offset of the segment's first byte in the stream.
    let offset: Int
    let delimiters: X12Delimiters
    /// True when no content byte of the buffer needs escaping in the fingerprint's canonical
    /// form (no '^' without a repetition separator, no '~' under another terminator): lets
    /// `Fingerprint` skip a search per segment. False means "check".
    var plainContent = false

    /// Number of elements after the id (CLP*a*b → 2).
    var count: Int { ends.count - 1 }

    /// The segment id as text, e.g. "CLP".
    var idText: String { SegmentID.text(id) }

    /// Bytes of element `index` (empty when absent).
    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        guard index >= 0, index < ends.count else { return UnsafeRawBufferPointer(rebasing: buffer[0..<0]) }
        let from = index == 0 ? start : ends[index - 1] + 1
        return UnsafeRawBufferPointer(rebasing: buffer[from..<ends[index]])
    }

    /// Whether element `index` is absent or empty.
    func isEmpty(_ index: Int) -> Bool {
        guard index >= 1, index < ends.count else { return index != 0 }
        return ends[index] == ends[index - 1] + 1
    }

    /// Element `index` as text ("" when absent), through the general initializer (which would
    /// repair bytes that are not UTF-8, e.g. a component separator 0x85).
    func string(_ index: Int) -> String {
        let value = bytes(index)
        return String(unsafeUninitializedCapacity: value.count) { target in
            UnsafeMutableRawBufferPointer(target).copyMemory(from: value)
            return value.count
        }
    }

    /// Element `index` as text, nil when absent or empty.
    func optionalString(_ index: Int) -> String? {
        isEmpty(index) ? nil : string(index)
    }

    /// Whether element `index` is exactly `code` (ASCII), without building a String.
    func elementIs(_ index: Int, _ code: StaticString) -> Bool {
        let value = bytes(index)
        guard value.count == code.utf8CodeUnitCount else { return false }
        let expected = code.utf8Start
        for position in 0..<value.count where value[position] != expected[position] { return false }
        return true
    }

    /// Element `index` packed like a segment id when it is 2–3 upper-case letters or digits
    /// (so `SegmentID.pack`-style constants compare without building a String), else nil.
    func code(_ index: Int) -> UInt32? {
        SegmentID.pack(bytes(index))
    }

    /// Element `index` as cents; nil when empty and not `required`.
    /// Errors: "XXnn is missing" (required and empty), "XXnn is not a decimal amount",
    /// "XXnn is too large".
    func amount(_ index: Int, required: Bool) throws(X12Error) -> Int? {
        switch X12Amount.read(bytes(index)) {
        case .cents(let cents): return cents
        case .empty:
            if required { throw error("\(name(index)) is missing") }
            return nil
        case .invalid: throw error("\(name(index)) is not a decimal amount")
        case .tooLarge: throw error("\(name(index)) is beyond ±\(X12Amount.largestCents / 100).00, the largest amount read")
        }
    }

    /// Element `index` as a required amount in cents (see `amount(_:required:)`).
    func requiredAmount(_ index: Int) throws(X12Error) -> Int {
        try amount(index, required: true) ?? 0
    }

    /// Element `index` as a non-negative integer (envelope counts); nil when not digits.
    func count(_ index: Int) -> Int? {
        let value = bytes(index)
        guard !value.isEmpty, value.count <= 18 else { return nil }
        var result = 0
        for byte in value {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            result = result * 10 + Int(byte - 0x30)
        }
        return result
    }

    /// The components of element `index`, split by the component separator, as text.
    func components(_ index: Int) -> [String] {
        let value = bytes(index)
        var parts: [String] = []
        var from = 0
        for position in 0...value.count where position == value.count || value[position] == delimiters.component {
            parts.append(String(decoding: UnsafeRawBufferPointer(rebasing: value[from..<position]), as: UTF8.self))
            from = position + 1
        }
        return parts
    }

    /// Element `index` with its component separators written as ':' and trailing empty
    /// components dropped (SVC01 "HC>99213>25" → "HC:99213:25"); nil when empty.
    func composite(_ index: Int) -> String? {
        let value = bytes(index)
        var end = value.count
        while end > 0 && value[end - 1] == delimiters.component { end -= 1 }
        if end == 0 { return nil }
        let kept = UnsafeRawBufferPointer(rebasing: value[0..<end])
        if delimiters.component == UInt8(ascii: ":") {
            return String(decoding: kept, as: UTF8.self)
        }
        return String(decoding: kept.map { $0 == delimiters.component ? UInt8(ascii: ":") : $0 }, as: UTF8.self)
    }

    /// "CLP04" for element 4 of a CLP.
    func name(_ index: Int) -> String { idText + X12Delimiters.twoDigits(index) }

    /// An error at this segment.
    func error(_ message: String) -> X12Error {
        X12Error(segmentNumber: number, byteOffset: offset, segmentID: idText, message: message)
    }

    /// A warning at this segment.
    func warning(_ message: String) -> X12Warning {
        X12Warning(segmentNumber: number, byteOffset: offset, segmentID: idText, message: message)
    }
}
