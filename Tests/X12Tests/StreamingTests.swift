import Testing
@testable import X12

/// Feeding in chunks of any size gives what reading the whole input gives, in linear work.
@Suite struct StreamingTests {
    /// Payments and file warnings (or the error) of feeding `bytes` in pieces of `sizes`
    /// (cycled).
    static func feed(_ bytes: [UInt8], sizes: [Int]) -> Result<([ERAPayment], [X12Warning]), X12Error> {
        var reader = ERAReader()
        var payments: [ERAPayment] = []
        var start = 0
        var turn = 0
        do throws(X12Error) {
            while start < bytes.count {
                let end = min(bytes.count, start + sizes[turn % sizes.count])
                turn += 1
                payments += try reader.feed(Array(bytes[start..<end]))
                start = end
            }
            return .success((payments, try reader.finish()))
        } catch {
            return .failure(error)
        }
    }

    static func whole(_ bytes: [UInt8]) -> Result<([ERAPayment], [X12Warning]), X12Error> {
        feed(bytes, sizes: [max(bytes.count, 1)])
    }

    static func same(_ a: Result<([ERAPayment], [X12Warning]), X12Error>,
                     _ b: Result<([ERAPayment], [X12Warning]), X12Error>) -> Bool {
        switch (a, b) {
        case (.success(let x), .success(let y)): return x.0 == y.0 && x.1 == y.1
        case (.failure(let x), .failure(let y)): return x == y
        default: return false
        }
    }

    @Test func everySampleFileReadsTheSameInAnyChunks() throws {
        var random = SplitMix(seed: 835)
        for name in SampleFiles.names() {
            let bytes = SampleFiles.bytes(name)
            let file = try ERAReader.read(bytes)
            let expected = Self.whole(bytes)
            guard case .success(let whole) = expected else {
                Issue.record("\(name) does not read")
                continue
            }
            #expect(whole.0 == file.payments, "\(name)")
            let randomSizes = (0..<64).map { _ in random.below(300) }
            for sizes in [[1], [7], [4096], randomSizes] {
                #expect(Self.same(Self.feed(bytes, sizes: sizes), expected), "\(name) in pieces of \(sizes.prefix(4))")
            }
        }
    }

    @Test func errorsAreTheSameInAnyChunks() throws {
        let valid = Synthetic().file(sets: [Synthetic.body])
        let broken = [
            valid.replacingOccurrences(of: "CLP*CLAIM1*1*100*80", with: "CLP*CLAIM1*1*100*8O"),
            String(valid.dropLast(30)),
            valid.replacingOccurrences(of: "SE*17", with: "SE*18"),
            "IS005010X221A1" + valid.dropFirst(3),  // found by make fuzz-835: a broken ISA id fed byte by byte
            "ST", "IS", "\u{FEFF}S", "ST*835", "STX835*1~",
        ]
        for text in broken {
            let expected = Self.whole(text.bytes)
            if case .success = expected { Issue.record("\(text.prefix(20)) reads") }
            for sizes in [[1], [2], [3], [7], [5, 1, 0, 9]] {
                #expect(Self.same(Self.feed(text.bytes, sizes: sizes), expected), "\(text.prefix(20)) in \(sizes)")
            }
        }
    }

    @Test func anErrorIsSticky() throws {
        var reader = ERAReader()
        let bad = Synthetic().file(sets: [Synthetic.body]).replacingOccurrences(of: "CAS*PR*2*10", with: "CAS*PR*2")
        var first: X12Error?
        do { _ = try reader.feed(bad.bytes) } catch { first = error }
        #expect(first != nil)
        do { _ = try reader.feed(Synthetic().file(sets: [Synthetic.body]).bytes) } catch { #expect(error == first) }
        do { _ = try reader.finish() } catch { #expect(error == first) }
    }

    @Test func paymentsArriveAsTheirSEArrives() throws {
        let text = Synthetic().file(sets: [Synthetic.body, Synthetic.body])
        let bytes = text.bytes
        var reader = ERAReader()
        var arrivals: [Int] = []
        for (index, byte) in bytes.enumerated() {
            let payments = try reader.feed([byte])
            if !payments.isEmpty { arrivals.append(index) }
        }
        _ = try reader.finish()
        #expect(arrivals.count == 2)
        #expect(bytes[arrivals[0]] == UInt8(ascii: "~"))
    }

    /// Work grows linearly: N and 8N copies of a set scan 8 times the bytes and segments
    /// (deterministic counters, no clock).
    @Test func workIsLinearInTheInput() throws {
        func statistics(copies: Int, chunk: Int) throws -> SegmentScanner.Statistics {
            let text = Synthetic().file(sets: Array(repeating: Synthetic.body, count: copies))
            var reader = ERAReader()
            let bytes = text.bytes
            var start = 0
            var payments = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunk)
                payments += try reader.feed(Array(bytes[start..<end])).count
                start = end
            }
            _ = try reader.finish()
            #expect(payments == copies)
            return reader.statistics
        }
        for chunk in [1, 13, 65536] {
            let small = try statistics(copies: 50, chunk: chunk)
            let large = try statistics(copies: 400, chunk: chunk)
            let bytesRatio = Double(large.bytesScanned) / Double(small.bytesScanned)
            let segmentsRatio = Double(large.segments) / Double(small.segments)
            #expect(bytesRatio > 7.5 && bytesRatio < 8.5, "chunk \(chunk): bytes ratio \(bytesRatio)")
            #expect(segmentsRatio > 7.5 && segmentsRatio < 8.5, "chunk \(chunk): segments ratio \(segmentsRatio)")
        }
        // Byte by byte costs no more than whole: each byte is looked at a bounded number of times.
        let byByte = try statistics(copies: 50, chunk: 1)
        let whole = try statistics(copies: 50, chunk: 1 << 20)
        #expect(byByte.bytesScanned == whole.bytesScanned)
    }

    @Test func memoryHoldsOnlyTheUnfinishedSegment() throws {
        var reader = ERAReader()
        let text = Synthetic().file(sets: Array(repeating: Synthetic.body, count: 200))
        for chunk in stride(from: 0, to: text.utf8.count, by: 1000) {
            let bytes = Array(text.utf8.dropFirst(chunk).prefix(1000))
            _ = try reader.feed(bytes)
            #expect(reader.pendingByteCount < 200)
        }
        _ = try reader.finish()
    }
}

/// SplitMix64, for reproducible random chunk sizes.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) + 1 }
}
