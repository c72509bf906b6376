// libFuzzer entry point for the X12 835 reader (built by `make fuzz-835`, see make/fuzz.mk).
//
// Compiled into the same module as Sources/X12/*.swift (module name X12), with
// X12FingerprintStub.swift in place of the SHA-256 file, so it reaches internal API.
// Each input is read:
//   1. whole, with ERAReader.read;
//   2. fed in two pieces, cut at a point derived from the input;
//   3. fed in pseudo-random pieces (seeded from the input, some empty);
//   4. byte by byte, for inputs under 2 KiB.
// Any trap is a crash; so is any broken invariant (fatalError):
//   - every feed gives the same payments and file warnings, or the same error;
//   - an error has segmentNumber ≥ 0, 0 ≤ byteOffset ≤ input length, and is sticky: a
//     later feed or finish throws it again;
//   - payments come in stream order, each within the input, with a 64-digit hex
//     fingerprint, claims and lines after their ST;
//   - work is linear: bytes scanned ≤ 3 × input length + 64;
//   - the reader building no payment (ERAReader(buildingPayments: false)) reads what the full
//     reader reads, with the same fingerprints, and fails only where the full reader fails.

/// SplitMix64: a small deterministic generator, so a crash file replays exactly.
struct X12FuzzRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}

/// What reading gave, in a comparable form.
enum X12FuzzOutcome: Equatable {
    case read([ERAPayment], [X12Warning])
    case failed(X12Error)
}

enum X12ReaderFuzzer {
    static func check(_ bytes: [UInt8]) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }

        let whole: X12FuzzOutcome
        do {
            let file = try ERAReader.read(bytes)
            whole = .read(file.payments, file.warnings)
        } catch {
            whole = .failed(error)
        }
        checkInvariants(whole, length: bytes.count)
        checkEnvelopeOnly(bytes, against: whole)

        let cut = bytes.isEmpty ? 0 : Int(hash % UInt64(bytes.count + 1))
        expectSame(whole, feed(bytes, pieces: [cut, bytes.count - cut]), "cut at \(cut)")

        var random = X12FuzzRandom(state: hash)
        var pieces: [Int] = []
        var left = bytes.count
        while left > 0 {
            let piece = min(left, random.below(64) == 0 ? 0 : 1 + random.below(max(1, bytes.count / 4)))
            pieces.append(piece)
            left -= piece
        }
        expectSame(whole, feed(bytes, pieces: pieces), "random pieces")

        if bytes.count < 2048 {
            expectSame(whole, feed(bytes, pieces: Array(repeating: 1, count: bytes.count)), "byte by byte")
        }
    }

    /// Feeds `bytes` in pieces of the given lengths, then finishes; checks stickiness.
    static func feed(_ bytes: [UInt8], pieces: [Int]) -> X12FuzzOutcome {
        var reader = ERAReader()
        var payments: [ERAPayment] = []
        var start = 0
        do throws(X12Error) {
            for piece in pieces {
                payments += try reader.feed(Array(bytes[start..<(start + piece)]))
                start += piece
            }
            let warnings = try reader.finish()
            let scanned = reader.statistics.bytesScanned
            if scanned > 3 * bytes.count + 64 { fail("scanned \(scanned) bytes of \(bytes.count)") }
            let all = (warnings + payments.flatMap(\.warnings)).enumerated().sorted {
                ($0.element.segmentNumber, $0.offset) < ($1.element.segmentNumber, $1.offset)
            }.map(\.element)
            return .read(payments, all)
        } catch {
            do throws(X12Error) {
                _ = try reader.feed([0x7E])
                fail("a failed reader accepted more input")
            } catch let again {
                if again != error { fail("the error is not sticky: \(error) then \(again)") }
            }
            return .failed(error)
        }
    }

    /// The reader building no payment checks a subset of what the full one does: where the full
    /// reader reads the input, it reads the same sets with the same fingerprints and no claims;
    /// where it fails, the full reader fails too.
    static func checkEnvelopeOnly(_ bytes: [UInt8], against whole: X12FuzzOutcome) {
        var reader = ERAReader(buildingPayments: false)
        do throws(X12Error) {
            let payments = try reader.feed(bytes)
            _ = try reader.finish()
            if payments.contains(where: { !$0.claims.isEmpty }) { fail("envelope-only built a claim") }
            if case .read(let full, _) = whole, full.map(\.fingerprint) != payments.map(\.fingerprint) {
                fail("envelope-only read other sets or fingerprints")
            }
        } catch {
            if case .read = whole { fail("envelope-only fails with \(error) where the full reader reads") }
        }
    }

    static func expectSame(_ whole: X12FuzzOutcome, _ other: X12FuzzOutcome, _ how: String) {
        guard whole != other else { return }
        switch (whole, other) {
        case (.failed(let a), .failed(let b)): fail("\(how): error \(b) instead of \(a)")
        case (.failed(let a), .read): fail("\(how): read where the whole input fails with \(a)")
        case (.read, .failed(let b)): fail("\(how): fails with \(b) where the whole input reads")
        case (.read(let a, let wa), .read(let b, let wb)):
            fail("\(how): \(b.count) payments, \(wb.count) warnings instead of \(a.count), \(wa.count)")
        }
    }

    static func checkInvariants(_ outcome: X12FuzzOutcome, length: Int) {
        switch outcome {
        case .failed(let error):
            if error.segmentNumber < 0 || error.byteOffset < 0 || error.byteOffset > length {
                fail("error position out of range: \(error)")
            }
            if error.message.isEmpty { fail("error without message") }
        case .read(let payments, let warnings):
            var previous = -1
            for payment in payments {
                if payment.byteOffset <= previous || payment.byteOffset >= length { fail("payment offset") }
                previous = payment.byteOffset
                if payment.fingerprint.utf8.count != 64 { fail("fingerprint length") }
                for claim in payment.claims {
                    if claim.segmentNumber <= payment.segmentNumber || claim.byteOffset >= length { fail("claim position") }
                    for line in claim.serviceLines where line.segmentNumber <= claim.segmentNumber { fail("line position") }
                }
            }
            for warning in warnings where warning.byteOffset > length || warning.segmentNumber < 1 {
                fail("warning position out of range: \(warning)")
            }
        }
    }

    static func fail(_ message: String) -> Never {
        fatalError("X12 reader invariant broken: \(message)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func x12ReaderFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    X12ReaderFuzzer.check(bytes)
    return 0
}
