import Testing
@testable import X12

/// The same payment in any formatting has one fingerprint; any content change another.
@Suite struct FingerprintTests {
    static func fingerprints(_ text: String) throws -> [String] {
        try ERAReader.read(text.bytes).payments.map(\.fingerprint)
    }

    static let reference = Synthetic().file(sets: [Synthetic.body])

    @Test func isLowercaseHexSHA256() throws {
        let print = try #require(Self.fingerprints(Self.reference).first)
        #expect(print.count == 64)
        #expect(print.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func ignoresFormattingDelimitersAndControlNumbers() throws {
        let expected = try Self.fingerprints(Self.reference)
        let variants = [
            Synthetic(separator: "\n"),
            Synthetic(separator: "\r\n    "),
            Synthetic(element: "|", component: ">", repetition: "{", terminator: "\n"),
            Synthetic(element: "\u{1D}", component: "\u{1F}", repetition: "\u{1E}", terminator: "\u{1C}"),
            Synthetic(interchangeControl: "000004711", groupControl: "42", setControl: "987654"),
            Synthetic(repetition: "U"),
        ]
        for variant in variants {
            #expect(try Self.fingerprints(variant.file(sets: [Synthetic.body])) == expected, "\(variant)")
        }
        // Trailing empty elements and components are not content.
        var padded = Synthetic.body
        padded[7] += "**"
        padded[9] = "SVC*HC:99213:25:*100*80**1*"
        #expect(try Self.fingerprints(Synthetic().file(sets: [padded])) == expected)
        // Without envelope, with another ST02: the same set.
        let bare = "ST*835*77~" + Synthetic.body.map { $0 + "~" }.joined() + "SE*17*77~"
        #expect(try Self.fingerprints(bare) == expected)
    }

    @Test func theSameSetTwiceInOneFileHasOneFingerprint() throws {
        let prints = try Self.fingerprints(Synthetic().file(sets: [Synthetic.body, Synthetic.body]))
        #expect(prints.count == 2 && prints[0] == prints[1])
    }

    @Test func changesWithAnyContent() throws {
        let expected = try #require(Self.fingerprints(Self.reference).first)
        let changes = [("CLP*CLAIM1*1*100*80", "CLP*CLAIM1*1*100*81"), ("CAS*PR*2*10", "CAS*PR*2*10.00"),
                       ("DOE*JANE", "DOE*JAME"), ("TRN*1*TRACE1", "TRN*1*TRACE2"), ("LQ*HE*N130", "LQ*HE*N130*X"),
                       ("HC:99213:25", "HC:99213::25"), ("HC:99213:25", "HC:99213*25")]
        for (from, to) in changes {
            let changed = try #require(Self.fingerprints(Self.reference.replacingOccurrences(of: from, with: to)).first)
            #expect(changed != expected, "\(from) → \(to)")
        }
    }

    @Test func contentThatLooksLikeACanonicalDelimiterIsEscaped() throws {
        // With '|' as element separator, a '*' is content: "A*B" in one element must differ
        // from the two elements "A" and "B".
        let pipes = Synthetic(element: "|", component: ">")
        let content = pipes.file(sets: [["BPR|I|0|C|NON", "REF|EV|A*B"]]).replacingOccurrences(of: "A|B", with: "A*B")
        let split = Synthetic().file(sets: [["BPR*I*0*C*NON", "REF*EV*A*B"]])
        #expect(try Self.fingerprints(content) != Self.fingerprints(split))
        // In 4010 ('U' in ISA11) '^' is content, not a repetition separator.
        let caret4010 = Synthetic(repetition: "U").file(sets: [["BPR*I*0*C*NON", "REF*EV*A^B"]])
        let caret5010 = Synthetic().file(sets: [["BPR*I*0*C*NON", "REF*EV*A^B"]])
        #expect(try Self.fingerprints(caret4010) != Self.fingerprints(caret5010))
    }

    @Test func sampleFilesKeepTheirFingerprintWhenReformatted() throws {
        for name in ["oopfactory_4010_FromNth_835_DeIdent_01.dat", "emedny_sample.txt", "managed-care.835"] {
            let original = try ERAReader.read(SampleFiles.bytes(name)).payments.map(\.fingerprint)
            // Strip the padding and the byte-order mark; put every segment on its own line.
            var compact = SampleFiles.bytes(name).filter { $0 != 0x0D && $0 != 0x0A }
            if compact.starts(with: [0xEF, 0xBB, 0xBF]) { compact.removeFirst(3) }
            var text = String(decoding: compact, as: UTF8.self)
            while text.contains("~ ") { text = text.replacingOccurrences(of: "~ ", with: "~") }
            text = text.replacingOccurrences(of: "~", with: "~\n")
            #expect(try Self.fingerprints(text) == original, "\(name)")
        }
    }
}
