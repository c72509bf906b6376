import Testing
@testable import HTTPServer

/// A small deterministic generator (SplitMix64) so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Parser: mutated input")
struct ParserFuzzTests {
    static let seedRequest = Array((
        "POST /v1/cases/7?x=1&y=a+b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nX-A: v\r\n\r\nhello"
        + "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;e\r\nabc\r\n0\r\nT: 1\r\n\r\n").utf8)

    /// Whatever the bytes, the parser never traps, an error is always last, and feeding
    /// byte by byte or at a random cut gives exactly what one feed gives.
    @Test func mutatedRequestsParseConsistently() {
        var random = SplitMix64(state: 2024)
        let limits = HTTPParserLimits(maxRequestLineBytes: 64, maxHeaderBytes: 200, maxHeaderCount: 6, maxBodyBytes: 64)
        let interesting: [UInt8] = [0, 9, 10, 13, 32, 58, 59, 48, 70, 127, 255, UInt8(ascii: "%"), UInt8(ascii: "-")]
        for _ in 0..<400 {
            var bytes = Self.seedRequest
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = interesting.randomElement(using: &random)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(interesting.randomElement(using: &random)!, at: index)
                }
            }
            var whole = HTTPRequestParser(limits: limits)
            let expected = whole.feed(bytes)
            if let errorIndex = expected.firstIndex(where: { $0.errorStatus != nil }) {
                #expect(errorIndex == expected.count - 1)
            }
            var single = HTTPRequestParser(limits: limits)
            var events: [HTTPParserEvent] = []
            for byte in bytes { events += single.feed([byte]) }
            #expect(summary(events) == summary(expected))
            let cut = Int.random(in: 0...bytes.count, using: &random)
            var split = HTTPRequestParser(limits: limits)
            #expect(summary(split.feed(bytes[..<cut]) + split.feed(bytes[cut...])) == summary(expected))
        }
    }
}
