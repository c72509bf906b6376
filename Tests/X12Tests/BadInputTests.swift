import Testing
@testable import X12

/// Damaged input: each is an X12Error naming the segment (number, offset, id), never a crash.
@Suite struct BadInputTests {
    static let valid = Synthetic().file(sets: [Synthetic.body])

    static func error(_ bytes: [UInt8]) -> X12Error? {
        do {
            _ = try ERAReader.read(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// Offset of the first occurrence of `needle` in the valid file.
    static func offset(of needle: String) -> Int {
        let haystack = valid.bytes, pattern = needle.bytes
        for start in 0...(haystack.count - pattern.count) where Array(haystack[start..<(start + pattern.count)]) == pattern {
            return start
        }
        return -1
    }

    @Test func emptyInput() throws {
        for input in [[], [0xEF, 0xBB, 0xBF], Array(" \r\n\t".utf8)] as [[UInt8]] {
            let error = try #require(Self.error(input))
            #expect(error == X12Error(segmentNumber: 0, byteOffset: 0, segmentID: "",
                                      message: "the input holds no X12 segment"))
        }
    }

    @Test func truncatedInsideASegment() throws {
        let cut = Self.offset(of: "CAS*PR*2*10") + 6  // "CAS*PR"
        let error = try #require(Self.error(Array(Self.valid.bytes[..<cut])))
        #expect(error.segmentNumber == 16 && error.segmentID == "CAS" && error.byteOffset == cut - 6)
        #expect(error.message == "the input ends inside a segment (no segment terminator '~')")
    }

    @Test func truncatedBetweenSegments() throws {
        let cut = Self.offset(of: "SE*")
        let error = try #require(Self.error(Array(Self.valid.bytes[..<cut])))
        #expect(error == X12Error(segmentNumber: 19, byteOffset: cut, segmentID: "SE",
                                  message: "the input ends inside transaction set 0001 (SE missing)"))
        let afterSE = Self.offset(of: "GE*")
        #expect(Self.error(Array(Self.valid.bytes[..<afterSE]))?.segmentID == "GE")
        #expect(Self.error(Array(Self.valid.bytes[..<Self.offset(of: "IEA")]))?.segmentID == "IEA")
    }

    @Test func isaOfTheWrongLength() throws {
        let short = Self.valid.replacingOccurrences(of: "SENDER         ", with: "SENDER        ")
        let error = try #require(Self.error(short.bytes))
        #expect(error.segmentNumber == 1 && error.byteOffset == 0 && error.segmentID == "ISA")
        #expect(error.message == "ISA must be 106 bytes of fixed-width elements: ISA06 is shorter than 15 characters")
        let long = Self.valid.replacingOccurrences(of: "*240101*", with: "*2401011*")
        #expect(Self.error(long.bytes)?.message == "ISA must be 106 bytes of fixed-width elements: ISA09 is longer than 6 characters")
        #expect(Self.error(Array(Self.valid.bytes[..<60]))?.message == "the input ends inside the ISA (an ISA is 106 bytes)")
    }

    @Test func anUndeclaredElementSeparator() throws {
        let text = Self.valid.replacingOccurrences(of: "GS*HP*SENDER*RECEIVER*20240101*1200*1*X*005010X221A1",
                                                   with: "GS|HP|SENDER|RECEIVER|20240101|1200|1|X|005010X221A1")
        let error = try #require(Self.error(text.bytes))
        #expect(error == X12Error(segmentNumber: 2, byteOffset: 106, segmentID: "GS",
                                  message: "segment GS uses '|' where the interchange declares '*' as element separator"))
    }

    @Test func anUndeclaredSegmentTerminator() throws {
        var text = Synthetic().isa
        text += Synthetic(terminator: "|").file(sets: [Synthetic.body]).dropFirst(106)
        let error = try #require(Self.error(text.bytes))
        #expect(error.segmentNumber == 2 && error.byteOffset == 106 && error.segmentID == "GS")
        #expect(error.message == "the input ends inside a segment (no segment terminator '~')")
    }

    @Test func aNonNumericAmount() throws {
        let text = Self.valid.replacingOccurrences(of: "CLP*CLAIM1*1*100*80", with: "CLP*CLAIM1*1*100*8O")
        let error = try #require(Self.error(text.bytes))
        #expect(error == X12Error(segmentNumber: 11, byteOffset: Self.offset(of: "CLP"), segmentID: "CLP",
                                  message: "CLP04 is not a decimal amount"))
    }

    @Test func requiredAmountsMissing() throws {
        let cases = [("CLP*CLAIM1*1*100*80", "CLP*CLAIM1*1**80", "CLP03 is missing"),
                     ("SVC*HC:99213:25*100*80", "SVC*HC:99213:25*100", "SVC03 is missing"),
                     ("BPR*I*80", "BPR*I*", "BPR02 is missing"),
                     ("CAS*PR*2*10", "CAS*PR*2", "CAS03 is missing"),
                     ("AMT*B6*90", "AMT*B6", "AMT02 is missing")]
        for (from, to, message) in cases {
            #expect(Self.error(Self.valid.replacingOccurrences(of: from, with: to).bytes)?.message == message)
        }
    }

    @Test func casTriplets() throws {
        let cases = [("CAS*PR*2*10", "CAS*PR*2*10*1*3", "CAS06 is missing"),  // dangling reason
                     ("CAS*PR*2*10", "CAS*PR*2*10*1**5", "CAS05 is missing: an adjustment without a reason"),
                     ("CAS*PR*2*10", "CAS*XX*2*10", "CAS01 is not an adjustment group (CO, OA, PI, PR or CR)"),
                     ("CAS*PR*2*10", "CAS*PR", "CAS has no adjustment (CAS02 and CAS03 are missing)"),
                     ("CAS*PR*2*10", "CAS*PR" + String(repeating: "*1*1*", count: 7), "CAS has more than six adjustments")]
        for (from, to, message) in cases {
            let error = try #require(Self.error(Self.valid.replacingOccurrences(of: from, with: to).bytes), "\(to)")
            #expect(error.message == message)
            #expect(error.segmentNumber == 16 && error.segmentID == "CAS")
        }
    }

    @Test func hugeDigitStrings() throws {
        let text = Self.valid.replacingOccurrences(of: "AMT*B6*90", with: "AMT*B6*" + String(repeating: "9", count: 10_000))
        #expect(Self.error(text.bytes) == X12Error(segmentNumber: 17, byteOffset: Self.offset(of: "AMT"), segmentID: "AMT",
                                                   message: "AMT02 is beyond ±1000000000.00, the largest amount read"))
        let count = Self.valid.replacingOccurrences(of: "SE*17*", with: "SE*" + String(repeating: "1", count: 30) + "*")
        #expect(Self.error(count.bytes)?.message == "SE01 is not a segment count")
    }

    @Test func binaryGarbage() throws {
        var random = SystemRandomNumberGenerator()
        let garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }
        let error = try #require(Self.error(garbage))
        #expect(error.segmentNumber <= 1 && error.byteOffset <= garbage.count)
        let nul = Self.valid.replacingOccurrences(of: "NM1*QC*1*DOE", with: "NM1*QC*1*D\u{0}E")
        #expect(Self.error(nul.bytes) == X12Error(segmentNumber: 12, byteOffset: Self.offset(of: "NM1"), segmentID: "NM1",
                                                  message: "byte 0x00 at offset \(Self.offset(of: "NM1") + 10) is neither printable ASCII nor a declared delimiter"))
        let latin = Self.valid.replacingOccurrences(of: "PAYER ONE", with: "PAYÉR ONE")
        #expect(Self.error(latin.bytes)?.segmentID == "N1")
        let badID = Self.valid.replacingOccurrences(of: "LX*1", with: "lx*1")
        #expect(Self.error(badID.bytes)?.message == "a segment must start with an id of 2 or 3 upper-case letters or digits")
        #expect(Self.error(Self.valid.replacingOccurrences(of: "~LX*1~", with: "~~").bytes)?.segmentNumber == 10)
    }

    @Test func structureErrors() throws {
        let cases = [("LX*1~CLP", "CLP", "SVC*HC:1*1*1~CLP", 10, "SVC", "SVC before any CLP"),
                     ("LX*1~CLP", "CLP", "LQ*HE*N1~CLP", 10, "LQ", "LQ outside a service line"),
                     ("LX*1~CLP", "CLP", "CAS*CO*45*1~CLP", 10, "CAS", "CAS outside a claim"),
                     ("BPR*I*80", "BPR*I*80", "TRN*1*X~BPR*I*80", 4, "TRN", "BPR must be the first segment after ST"),
                     ("LX*1~CLP", "CLP", "PLB*1*20240101*L6*0~CLP", 11, "CLP", "CLP after PLB"),
                     ("LX*1~CLP", "CLP", "N1*PR*X~LX*1~CLP*A*1*0*0~N1*PE*Y~CLP", 13, "N1", "N1 after the claims")]
        for (from, _, to, segment, id, message) in cases {
            let text = Self.valid.replacingOccurrences(of: from, with: to)
            let error = try #require(Self.error(text.bytes), "\(message)")
            #expect(error.segmentNumber == segment && error.segmentID == id, "\(error)")
            #expect(error.message == message)
        }
        #expect(Self.error("GS*HP~".bytes)?.message == "the input does not start with an ISA or ST segment")
    }

    @Test func aSegmentWithoutTerminatorWithinTheLimit() throws {
        let text = Synthetic().isa + "GS*" + String(repeating: "A", count: SegmentScanner.maxSegmentLength + 10)
        var reader = ERAReader()
        #expect(throws: X12Error.self) { _ = try reader.feed(text.bytes) }
    }

    @Test func messagesNeverQuotePatientData() throws {
        let text = Self.valid.replacingOccurrences(of: "NM1*QC*1*DOE*JANE****MI*M1", with: "NM1*QC*1*DOE*JANE\u{1}****MI*M1")
        let error = try #require(Self.error(text.bytes))
        #expect(!error.description.contains("DOE") && !error.description.contains("JANE"))
    }
}
