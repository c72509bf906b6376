import Testing
@testable import X12

/// Delimiters declared by the ISA (or assumed without one), and padding between segments.
@Suite struct DelimiterTests {
    @Test func readsTheDelimitersTheISADeclares() throws {
        let builder = Synthetic(element: "|", component: ">", repetition: "{", terminator: "\n")
        let file = try ERAReader.read(builder.file(sets: [Synthetic.body]).bytes)
        let payment = try #require(file.payments.first)
        #expect(payment.claims[0].serviceLines[0].procedure == "HC:99213:25")
        #expect(payment.claims[0].patientResponsibilityCents == 1000)
    }

    @Test func readsControlCharacterDelimiters() throws {
        let builder = Synthetic(element: "\u{1D}", component: "\u{1F}", repetition: "\u{1E}", terminator: "\u{1C}")
        let payment = try #require(ERAReader.read(builder.file(sets: [Synthetic.body]).bytes).payments.first)
        #expect(payment.claims[0].serviceLines[0].procedure == "HC:99213:25")
    }

    @Test func a4010ISA11IsNotARepetitionSeparator() throws {
        let bytes = Synthetic(repetition: "U").file(sets: [Synthetic.body]).bytes
        var delimiters: X12Delimiters?
        bytes.withUnsafeBytes {
            if case .success(let found) = X12Delimiters.fromISA($0) { delimiters = found }
        }
        #expect(delimiters == X12Delimiters(element: 0x2A, component: 0x3A, repetition: nil, terminator: 0x7E))
        #expect(try ERAReader.read(bytes).payments.count == 1)
    }

    @Test func padsWithLineBreaksSpacesAndTabsBetweenSegments() throws {
        let plain = try ERAReader.read(Synthetic().file(sets: [Synthetic.body]).bytes).payments
        let padded = try ERAReader.read(Synthetic(separator: "\r\n \t  ").file(sets: [Synthetic.body]).bytes).payments
        func withoutOffsets(_ payments: [ERAPayment]) -> [ERAPayment] {
            payments.map { payment in
                var copy = payment
                copy.byteOffset = 0
                copy.claims = copy.claims.map { claim in
                    var moved = claim
                    moved.byteOffset = 0
                    return moved
                }
                return copy
            }
        }
        #expect(withoutOffsets(plain) == withoutOffsets(padded))
        #expect(plain[0].byteOffset < padded[0].byteOffset)
    }

    @Test func aLineFeedTerminatorDropsTheCarriageReturnBeforeIt() throws {
        // The ISA declares LF; the other segments end in CR LF.
        let isa = Synthetic(terminator: "\n").isa
        let rest = Synthetic(terminator: "\r\n").file(sets: [Synthetic.body]).bytes.dropFirst(107)
        #expect(try ERAReader.read(isa.bytes + rest).payments.count == 1)
        let bare = "ST*835*1\r\nBPR*I*0*C*NON\r\nSE*3*1\r\n"
        #expect(try ERAReader.read(bare.bytes).payments.count == 1)
    }

    @Test func aFileWithoutEnvelopeUsesItsFirstTerminator() throws {
        let lines = "ST*835*1\nBPR*I*1.5*C*CHK\nTRN*1*T\nSE*4*1\n"
        let file = try ERAReader.read(lines.bytes)
        #expect(file.payments.first?.totalPaymentCents == 150)
        #expect(file.warnings.map(\.message) == ["no interchange envelope (ISA/GS); delimiters * : ^ assumed"])
        let tildes = "ST*835*1~BPR*I*1.5*C*CHK~TRN*1*T~SE*4*1~"
        #expect(try ERAReader.read(tildes.bytes).payments.first?.traceNumber == "T")
    }

    @Test func skipsAByteOrderMarkBeforeEachInterchange() throws {
        let one = Synthetic().file(sets: [Synthetic.body])
        let file = try ERAReader.read(([0xEF, 0xBB, 0xBF] + one.bytes + [0xEF, 0xBB, 0xBF] + one.bytes))
        #expect(file.payments.count == 2)
        #expect(file.payments[0].byteOffset == 3 + 106 + 53)
    }

    @Test func aByteOrderMarkInsideAnInterchangeIsAnError() {
        let text = Synthetic().file(sets: [Synthetic.body])
        var bytes = text.bytes
        let at = 106  // before GS
        bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: at)
        #expect(throws: X12Error.self) { try ERAReader.read(bytes) }
    }
}
