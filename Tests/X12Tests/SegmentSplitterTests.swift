import Testing
@testable import X12

/// The byte-level splitter: its eight-bytes-at-a-time path agrees with a byte-by-byte one.
@Suite struct SegmentSplitterTests {
    @Test func wordChecksAgreeWithByteChecksForEveryByteAndPosition() {
        for value in 0...255 {
            for position in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "A"), count: 8)
                bytes[position] = UInt8(value)
                let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
                #expect(SegmentSplitter.isPrintable(word) == (value >= 0x20 && value <= 0x7E), "\(value) at \(position)")
                let padding = SegmentSplitter.paddingBytes(word)
                let paddingExpected: UInt64 = SegmentSplitter.isPadding(UInt8(value)) ? 0x80 << (8 * UInt64(position)) : 0
                #expect(padding == paddingExpected, "padding \(value) at \(position)")
                let zeros = SegmentSplitter.zeroBytes(word ^ 0x4141_4141_4141_4141)
                let expected: UInt64 = value == 0x41 ? 0x8080_8080_8080_8080 : 0x8080_8080_8080_8080 & ~(0x80 << (8 * UInt64(position)))
                #expect(zeros == expected, "\(value) at \(position)")
            }
        }
    }

    @Test func splitsLikeANaiveSplitter() {
        var random = SplitMix(seed: 12)
        let alphabet = Array("AB *:^~9.-".utf8)
        let delimiters = X12Delimiters(element: UInt8(ascii: "*"), component: UInt8(ascii: ":"),
                                       repetition: UInt8(ascii: "^"), terminator: UInt8(ascii: "~"))
        var ends: [Int] = []
        for _ in 0..<2000 {
            let length = random.below(40) - 1
            let bytes = (0..<length).map { _ in alphabet[random.below(alphabet.count) - 1] }
            let naive = bytes.indices.filter { bytes[$0] == UInt8(ascii: "*") } + [bytes.count]
            let result = bytes.withUnsafeBytes {
                SegmentSplitter.split($0, start: 0, end: $0.count, delimiters: delimiters, into: &ends)
            }
            guard case .success(let count) = result else {
                Issue.record("\(bytes) did not split")
                continue
            }
            #expect(Array(ends[0..<count]) == naive, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func reportsTheFirstByteThatIsNotPrintable() {
        let delimiters = X12Delimiters(element: UInt8(ascii: "*"), component: 0x1F, repetition: nil, terminator: 0x0A)
        var ends: [Int] = []
        let bytes = Array("CLP*ABCDEFGHIJ\u{1F}KLMNO\u{7F}P".utf8)
        let result = bytes.withUnsafeBytes {
            SegmentSplitter.split($0, start: 0, end: $0.count, delimiters: delimiters, into: &ends)
        }
        #expect(result == .failure(.invalidByte(index: 20, byte: 0x7F)))
    }
}
