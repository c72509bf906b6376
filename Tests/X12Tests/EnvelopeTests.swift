import Testing
@testable import X12

/// Interchanges, groups and sets: nesting, counts and control numbers.
@Suite struct EnvelopeTests {
    @Test func readsSeveralInterchangesGroupsAndSets() throws {
        let one = Synthetic().file(sets: [Synthetic.body, Synthetic.body])
        let two = Synthetic(interchangeControl: "000000002", groupControl: "7", setControl: "9")
            .file(sets: [Synthetic.body])
        let file = try ERAReader.read((one + "\n" + two).bytes)
        #expect(file.payments.map(\.transactionControlNumber) == ["0001", "0001", "9"])
        #expect(file.payments.map(\.version) == ["005010X221A1", "005010X221A1", "005010X221A1"])
        #expect(file.warnings.isEmpty)
    }

    @Test func controlNumbersOfDigitsCompareAsNumbers() throws {
        let text = Synthetic().file(sets: [Synthetic.body]).replacingOccurrences(of: "IEA*1*000000001", with: "IEA*1*1")
        #expect(try ERAReader.read(text.bytes).payments.count == 1)
    }

    @Test func st03WinsOverGS08() throws {
        let text = Synthetic().file(sets: [Synthetic.body]).replacingOccurrences(of: "ST*835*0001", with: "ST*835*0001*005010X221")
        #expect(try ERAReader.read(text.bytes).payments.first?.version == "005010X221")
    }

    /// The error a variation of the valid file gives: (segment number, id, message start).
    static func failure(_ text: String) -> X12Error? {
        do {
            _ = try ERAReader.read(text.bytes)
            return nil
        } catch {
            return error
        }
    }

    static let valid = Synthetic().file(sets: [Synthetic.body])
    static let seCount = Synthetic.body.count + 2

    @Test(arguments: [
        ("SE*\(seCount)*0001", "SE*99*0001", 19, "SE", "SE01 says 99 segments; the set has \(seCount)"),
        ("SE*\(seCount)*0001", "SE*\(seCount)*0002", 19, "SE", "SE02 does not match ST02 (0001)"),
        ("SE*\(seCount)*0001", "SE*X*0001", 19, "SE", "SE01 is not a segment count"),
        ("GE*1*1", "GE*2*1", 20, "GE", "GE01 says 2 transaction sets; the group has 1"),
        ("GE*1*1", "GE*1*5", 20, "GE", "GE02 does not match GS06 (1)"),
        ("IEA*1*000000001", "IEA*3*000000001", 21, "IEA", "IEA01 says 3 functional groups; the interchange has 1"),
        ("IEA*1*000000001", "IEA*1*000000002", 21, "IEA", "IEA02 does not match ISA13 (000000001)"),
        ("ST*835*0001", "ST*277*0001", 3, "ST", "ST01 is not 835: not a remittance advice"),
        ("GS*HP", "XX*HP", 2, "XX", "XX outside a transaction set"),
    ])
    func countsAndControlNumbersMustMatch(_ from: String, _ to: String, _ segment: Int, _ id: String, _ message: String) throws {
        let error = try #require(Self.failure(Self.valid.replacingOccurrences(of: from, with: to)))
        #expect(error.segmentNumber == segment)
        #expect(error.segmentID == id)
        #expect(error.message == message)
    }

    @Test func nestingErrorsNameTheSegment() throws {
        let isa = Synthetic().isa
        let gs = "GS*HP*S*R*20240101*1200*1*X*005010X221A1~"
        let cases: [(String, Int, String, String)] = [
            ("ST*835*1~BPR*I*0*C*NON~SE*3*1~GE*1*1~", 4, "GE", "GE outside a functional group (GS missing)"),
            (isa + "ST*835*1~", 2, "ST", "ST outside a functional group (GS missing)"),
            (isa + gs + gs, 3, "GS", "GS inside a functional group (GE missing)"),
            (isa + isa, 2, "ISA", "ISA inside an interchange (IEA missing)"),
            (isa + gs + "ST*835*1~ST*835*2~", 4, "ST", "ST inside a transaction set (SE missing)"),
            (isa + gs + "SE*2*1~", 3, "SE", "SE outside a transaction set (ST missing)"),
            (isa + gs + "ST*835*1~BPR*I*0*C*NON~GE*1*1~", 5, "GE", "GE inside a transaction set (SE missing)"),
            (isa + gs + "GE*0*1~IEA*1*000000001~CLP*1*1*1*1~", 5, "CLP", "CLP outside a transaction set"),
        ]
        for (text, segment, id, message) in cases {
            let error = try #require(Self.failure(text), "\(message)")
            #expect(error.segmentNumber == segment, "\(message)")
            #expect(error.segmentID == id, "\(message)")
            #expect(error.message == message)
        }
    }

    @Test func aBareSetWithAWrongCountIsOnlyAWarning() throws {
        let file = try ERAReader.read("ST*835*1~BPR*I*0*C*NON~SE*9*1~".bytes)
        #expect(file.payments.count == 1)
        #expect(file.payments[0].warnings.map(\.message) == ["SE01 says 9 segments; the set has 3"])
        #expect(file.warnings.count == 2)
        #expect(throws: X12Error.self) { try ERAReader.read("ST*835*1~BPR*I*0*C*NON~SE*3*2~".bytes) }
    }

    @Test func anIEAWithoutTerminatorAtTheVeryEndIsOnlyAWarning() throws {
        let text = Self.valid.dropLast()  // without the last '~'
        let file = try ERAReader.read(Array(text.utf8) + [0x0A])
        #expect(file.payments.count == 1)
        #expect(file.warnings.map(\.segmentID) == ["IEA"])
        #expect(file.warnings.first?.message == "the last segment has no segment terminator '~'")
    }
}
