import Testing
@testable import X12

/// The reader's fast paths give exactly what the general ones give.
@Suite struct FastPathTests {
    @Test func oneTimeSplitAgreesWithTwoPassSplit() {
        var random = SplitMix(seed: 8)
        let setups: [(X12Delimiters, [UInt8])] = [
            (X12Delimiters(element: UInt8(ascii: "*"), component: UInt8(ascii: ":"), repetition: UInt8(ascii: "^"),
                           terminator: UInt8(ascii: "~")), Array("AB *:^~9.-\r\n".utf8) + [0x1F, 0x85]),
            (X12Delimiters(element: 0x1D, component: 0x1F, repetition: nil, terminator: 0x0A),
             Array("AB *:^~9\r\n".utf8) + [0x1D, 0x1F, 0x1C]),
            (X12Delimiters(element: UInt8(ascii: "|"), component: 0x85, repetition: UInt8(ascii: "^"), terminator: 0x0D),
             Array("AB|^~9\r\n".utf8) + [0x85]),
        ]
        var scratch = [Int](repeating: 0, count: SegmentScanner.fastElements)
        var ends: [Int] = []
        var found = 0
        for (delimiters, alphabet) in setups {
            for _ in 0..<4000 {
                let length = random.below(60) - 1
                let bytes = (0..<length).map { _ in alphabet[random.below(alphabet.count) - 1] }
                bytes.withUnsafeBytes { raw in
                    let fast = scratch.withUnsafeMutableBufferPointer {
                        SegmentSplitter.splitToTerminator(raw, start: 0, delimiters: delimiters, into: $0)
                    }
                    guard let fast else { return }
                    found += 1
                    let terminator = SegmentSplitter.find(delimiters.terminator, in: raw, from: 0)
                    #expect(fast.terminator == terminator)
                    var end = fast.terminator
                    if delimiters.terminator == 0x0A && end > 0 && raw[end - 1] == 0x0D { end -= 1 }
                    #expect(fast.end == end)
                    let slow = SegmentSplitter.split(raw, start: 0, end: end, delimiters: delimiters, into: &ends)
                    guard case .success(let count) = slow else {
                        Issue.record("the fast path accepted what the split refuses: \(bytes)")
                        return
                    }
                    #expect(fast.count == count)
                    #expect(Array(scratch[0..<fast.count]) == Array(ends[0..<count]), "\(bytes)")
                }
            }
        }
        #expect(found > 1000)
    }

    @Test func plainSegmentsTakeTheOnePassSplit() {
        let delimiters = X12Delimiters(element: UInt8(ascii: "*"), component: UInt8(ascii: ":"),
                                       repetition: UInt8(ascii: "^"), terminator: UInt8(ascii: "~"))
        var scratch = [Int](repeating: 0, count: SegmentScanner.fastElements)
        let bytes = Array("CLP*BENCH000000001-01*1*226*132**12*119932404007801~\nNM1".utf8)
        let fast = bytes.withUnsafeBytes { raw in
            scratch.withUnsafeMutableBufferPointer {
                SegmentSplitter.splitToTerminator(raw, start: 0, delimiters: delimiters, into: $0)
            }
        }
        #expect(fast?.terminator == 51)
        #expect(fast.map { Array(scratch[0..<$0.count]) } == [3, 21, 23, 27, 31, 32, 35, 51])
    }

    /// Whatever the short-amount path accepts, the careful reader reads as the same cents; it
    /// takes the common amounts and leaves every doubtful text to the careful reader.
    @Test func shortAmountsAgreeWithTheCarefulReader() {
        var random = SplitMix(seed: 835)
        let alphabet = Array("-.0123456789012345678901234567890x".utf8)
        var taken = 0
        for _ in 0..<20_000 {
            let count = random.below(18)
            let bytes = (0..<count).map { _ in alphabet[random.below(alphabet.count) - 1] }
            bytes.withUnsafeBytes { raw in
                guard let cents = X12Amount.readShort(raw) else { return }
                taken += 1
                #expect(X12Amount.readCarefully(raw) == .cents(cents), "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(taken > 500)
        for text in ["12", "12.3", ".28", "-1.27", "5.", "0"] {
            Array(text.utf8).withUnsafeBytes { #expect(X12Amount.readShort($0) != nil, "\(text)") }
        }
        for text in ["1.230", "-", ".", "1-2", "12345678901234567"] {
            Array(text.utf8).withUnsafeBytes { #expect(X12Amount.readShort($0) == nil, "\(text)") }
        }
    }
}
