import Testing
@testable import X12

/// `ERAReader(buildingPayments: false)`, the ceiling `make bench` measures: the same sets, the same
/// fingerprints and the same envelope checks as the full reader, and nothing built inside a set.
@Suite struct EnvelopeOnlyTests {
    /// Every payment of `bytes` read without building payments, and the file-level warnings.
    static func envelopeOnly(_ bytes: [UInt8]) throws(X12Error) -> (payments: [ERAPayment], warnings: [X12Warning]) {
        var reader = ERAReader(buildingPayments: false)
        let payments = try reader.feed(bytes)
        return (payments, try reader.finish())
    }

    @Test func everySampleFileGivesTheSameSetsAndFingerprintsAndNoClaims() throws {
        for name in SampleFiles.names() {
            let bytes = SampleFiles.bytes(name)
            let full = try ERAReader.read(bytes)
            let bare = try Self.envelopeOnly(bytes)
            #expect(bare.payments.map(\.fingerprint) == full.payments.map(\.fingerprint), "\(name)")
            #expect(bare.payments.allSatisfy { $0.claims.isEmpty && $0.traceNumber.isEmpty }, "\(name)")
        }
    }

    @Test func envelopeFaultsAreStillFoundButNotFaultsInsideASet() throws {
        let wrongCount = EnvelopeTests.valid.replacingOccurrences(of: "SE*\(EnvelopeTests.seCount)*0001", with: "SE*99*0001")
        #expect(throws: X12Error.self) { try Self.envelopeOnly(wrongCount.bytes) }
        // A CLP charge that is not an amount fails the full reader only.
        let clp = try #require(Synthetic.body.first { $0.hasPrefix("CLP*") })
        var elements = clp.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        elements[3] = "12X"
        let badAmount = EnvelopeTests.valid.replacingOccurrences(of: clp, with: elements.joined(separator: "*"))
        #expect(throws: X12Error.self) { try ERAReader.read(badAmount.bytes) }
        #expect(try Self.envelopeOnly(badAmount.bytes).payments.count == 1)
    }
}
