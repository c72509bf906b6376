import Testing
@testable import HTTPServer

@Suite("gzip encoding (zlib round trips)")
struct GzipEncoderTests {
    @Test func largeBodyRoundTrips() throws {
        let text = textBytes(3 << 20)
        let compressed = try GzipEncoder.gzip(text)
        #expect(compressed.count < text.count / 5)
        #expect(Array(compressed.prefix(3)) == [0x1F, 0x8B, 8])     // gzip magic, deflate (RFC 1952 §2.3)
        #expect(try Gunzip.gunzip(compressed) == text)
    }

    @Test func incompressibleBodyRoundTrips() throws {
        let noise = patternBytes(0..<200_000)
        #expect(try Gunzip.gunzip(GzipEncoder.gzip(noise)) == noise)
    }

    @Test func emptyAndTinyBodiesRoundTrip() throws {
        #expect(try Gunzip.gunzip(GzipEncoder.gzip([])) == [])
        #expect(try Gunzip.gunzip(GzipEncoder.gzip([0x41])) == [0x41])
        #expect(try Gunzip.gunzip(GzipEncoder.gzip(Array("{}".utf8), level: 1)) == Array("{}".utf8))
        #expect(try Gunzip.gunzip(GzipEncoder.gzip(textBytes(5000), level: 9)) == textBytes(5000))
    }

    @Test func syncFlushMakesEveryWriteDecodableAtOnce() throws {
        let encoder = try GzipEncoder()
        let decoder = try Gunzip()
        for index in 0..<2000 {
            let piece = Array("record \(index);".utf8)
            // What the receiver can decode so far is exactly what was written so far.
            #expect(try decoder.feed(encoder.compress(piece, flush: .sync)) == piece)
        }
        #expect(try decoder.feed(encoder.finish()) == [])
        #expect(decoder.ended)
    }

    @Test func truncatedStreamIsDetected() throws {
        let compressed = try GzipEncoder.gzip(textBytes(10_000))
        #expect(throws: Gunzip.Failure.self) { try Gunzip.gunzip(Array(compressed.dropLast(4))) }
    }
}
