/// Segment ids packed into an integer, so dispatch compares numbers, not strings.
///
/// Packing: first byte << 16 | second << 8 | third (0 for a two-letter id). Ids are 2–3
/// upper-case letters or digits (checked by the scanner), so the packing is unique.
enum SegmentID {
    static let ISA: UInt32 = 0x495341 // "ISA"
    static let IEA: UInt32 = 0x494541 // "IEA"
    static let GS: UInt32 = 0x475300 // "GS"
    static let GE: UInt32 = 0x474500 // "GE"
    static let ST: UInt32 = 0x535400 // "ST"
    static let SE: UInt32 = 0x534500 // "SE"
    static let BPR: UInt32 = 0x425052 // "BPR"
    static let TRN: UInt32 = 0x54524E // "TRN"
    static let DTM: UInt32 = 0x44544D // "DTM"
    static let N1: UInt32 = 0x4E3100 // "N1"
    static let REF: UInt32 = 0x524546 // "REF"
    static let LX: UInt32 = 0x4C5800 // "LX"
    static let CLP: UInt32 = 0x434C50 // "CLP"
    static let CAS: UInt32 = 0x434153 // "CAS"
    static let NM1: UInt32 = 0x4E4D31 // "NM1"
    static let MIA: UInt32 = 0x4D4941 // "MIA"
    static let MOA: UInt32 = 0x4D4F41 // "MOA"
    static let AMT: UInt32 = 0x414D54 // "AMT"
    static let SVC: UInt32 = 0x535643 // "SVC"
    static let LQ: UInt32 = 0x4C5100 // "LQ"
    static let PLB: UInt32 = 0x504C42 // "PLB"

    /// Packs 2–3 id bytes; nil when `bytes` is not 2–3 upper-case letters or digits.
    @inline(__always)
    static func pack(_ bytes: UnsafeRawBufferPointer) -> UInt32? {
        let count = bytes.count
        guard count == 2 || count == 3 else { return nil }
        let first = bytes[0], second = bytes[1], third = count == 3 ? bytes[2] : 0x30
        guard isIDByte(first), isIDByte(second), isIDByte(third) else { return nil }
        return UInt32(first) << 16 | UInt32(second) << 8 | (count == 3 ? UInt32(third) : 0)
    }

    @inline(__always)
    static func isIDByte(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || byte &- 0x41 < 26
    }

    /// The id as text ("CLP").
    static func text(_ id: UInt32) -> String {
        var bytes: [UInt8] = [UInt8(truncatingIfNeeded: id >> 16), UInt8(truncatingIfNeeded: id >> 8)]
        let third = UInt8(truncatingIfNeeded: id)
        if third != 0 { bytes.append(third) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
