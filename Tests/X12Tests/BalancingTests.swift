import Testing
@testable import X12

/// The balancing rules (claim, line, payment) on every shared sample file, and on small
/// synthetic payments.
@Suite struct BalancingTests {
    /// What a file's imbalances come to: counts by level, the sum of differences and the
    /// first few (level, claim number, line, segment, difference).
    struct Expected: Sendable {
        var claim = 0, line = 0, payment = 0, differenceSum = 0
        var first: [Row] = []
    }
    struct Row: Equatable, Sendable, CustomStringConvertible {
        var level: ERAImbalance.Level, claim: String?, line: Int?, segment: Int, difference: Int
        init(_ level: ERAImbalance.Level, _ claim: String?, _ line: Int?, _ segment: Int, _ difference: Int) {
            (self.level, self.claim, self.line, self.segment, self.difference) = (level, claim, line, segment, difference)
        }
        var description: String { "\(level) \(claim ?? "-") \(line.map(String.init) ?? "-") @\(segment): \(difference)" }
    }

    static let table: [String: Expected] = [
        "835_mult_loops.txt": Expected(),
        "X221-era-sample.edi": Expected(),
        "X221-multiple-claims-single-check.edi": Expected(),
        "blue_cross_nc_sample.txt": Expected(),
        "cob-contractural-adjustment.835": Expected(),
        "emedny_sample.txt": Expected(),
        "managed-care.835": Expected(),
        "medicare-part-a.835": Expected(),
        "secondary-payment.835": Expected(),
        "united_healthcare_legacy_sample.txt": Expected(),
        // De-identified: amounts were replaced by nines, so most claims no longer balance.
        "oopfactory_4010_FromNth_835_DeIdent_01.dat": Expected(
            claim: 86, line: 185, payment: 1, differenceSum: 17_124_141,
            first: [Row(.claim, "9999999999-999", nil, 58, 4121), Row(.line, "9999999999-999", 1, 61, 4121),
                    Row(.claim, "9999999999-999", nil, 68, 1801), Row(.line, "9999999999-999", 1, 73, 1801)]),
        "oopfactory_5010_ExampleFromNth.txt": Expected(
            claim: 51, line: 50, payment: 3, differenceSum: -193_575,
            first: [Row(.claim, "9999999999-999", nil, 18, 9999), Row(.claim, "9999999999-999", nil, 34, 9999),
                    Row(.claim, "XXXXXX9999", nil, 50, 39996), Row(.claim, "XXXXXX9999", nil, 75, 29997)]),
        // PLB*…*CV:9876514*-1.27: Σ CLP04 = BPR02 = 5.75, so the negative PLB unbalances it.
        "oopfactory_5010_Example1.txt": Expected(payment: 1, differenceSum: -127, first: [Row(.payment, nil, nil, 4, -127)]),
        // SVC*HC*24599.00*1766.50*187.50 (SVC01 lacks the code): 24599 − 1579 ≠ 1766.50.
        "tertiary-payment.835": Expected(line: 1, differenceSum: -2_125_350,
                                         first: [Row(.line, "0001000054", 1, 20, -2_125_350)]),
    ]

    @Test func everySampleFileHasItsPinnedImbalances() throws {
        let names = SampleFiles.names()
        #expect(Set(names) == Set(Self.table.keys), "the table covers exactly the shared files")
        for name in names {
            let expected = try #require(Self.table[name], "\(name) is not in the table")
            let file = try #require(SampleFiles.read(name))
            let all = file.payments.flatMap(\.imbalances)
            #expect(all.filter { $0.level == .claim }.count == expected.claim, "\(name) claim")
            #expect(all.filter { $0.level == .line }.count == expected.line, "\(name) line")
            #expect(all.filter { $0.level == .payment }.count == expected.payment, "\(name) payment")
            #expect(all.reduce(0) { $0 + $1.differenceCents } == expected.differenceSum, "\(name) sum")
            let rows = all.prefix(expected.first.count).map {
                Row($0.level, $0.claimNumber, $0.lineNumber, $0.segmentNumber, $0.differenceCents)
            }
            #expect(rows == expected.first, "\(name)")
            for imbalance in all {
                #expect(imbalance.differenceCents == imbalance.actualCents - imbalance.expectedCents)
            }
        }
    }

    @Test func aBalancedPaymentHasNoImbalance() throws {
        let payment = try #require(ERAReader.read(Synthetic().file(sets: [Synthetic.body]).bytes).payments.first)
        #expect(payment.imbalances.isEmpty)
    }

    @Test func eachRuleIsReportedWithExpectedAndActual() throws {
        var body = Synthetic.body
        body[0] = "BPR*I*70*C*CHK************20240105"   // payment: Σ CLP04 (81) − PLB (5) = 76
        body[7] = "CLP*CLAIM1*1*100*81*10*12*PCN1"      // claim: 100 − 20 = 80, paid 81
        body[9] = "SVC*HC:99213:25*100*79**1"           // line: 100 − 20 = 80, paid 79
        body.append("PLB*1234567893*20241231*L6*5")
        let payment = try #require(ERAReader.read(Synthetic().file(sets: [body]).bytes).payments.first)
        let claimNumber: String? = "CLAIM1"
        let noClaim: String? = nil
        #expect(payment.imbalances.map(\.level) == [.claim, .line, .payment])
        #expect(payment.imbalances.map(\.expectedCents) == [8000, 8000, 7600])
        #expect(payment.imbalances.map(\.actualCents) == [8100, 7900, 7000])
        #expect(payment.imbalances.map(\.differenceCents) == [100, -100, -600])
        #expect(payment.imbalances.map(\.claimNumber) == [claimNumber, claimNumber, noClaim])
        #expect(payment.imbalances.map(\.lineNumber) == [nil, 1, nil])
        #expect(payment.imbalances.map(\.segmentNumber) == [11, 13, 4])
    }

    @Test func claimLevelAdjustmentsCountForTheClaimOnly() throws {
        let body = ["BPR*I*50*C*CHK", "CLP*A*1*100*50", "CAS*CO*45*30", "SVC*HC:1*100*80", "CAS*PR*1*20"]
        let payment = try #require(ERAReader.read(Synthetic().file(sets: [body]).bytes).payments.first)
        #expect(payment.imbalances.isEmpty)
    }

    /// Amounts at the largest read balance without trapping; beyond it, the file is refused at the
    /// first such element (Int.max cents once crashed the posting's sums).
    @Test func amountsAtTheLargestBalanceAndBeyondAreRefused() throws {
        let big = "1000000000.00"
        let body = ["BPR*I*\(big)*C*CHK", "CLP*A*1*-\(big)*\(big)", "CAS*CO*45*\(big)*1*45*\(big)"]
        let payment = try #require(ERAReader.read(Synthetic().file(sets: [body]).bytes).payments.first)
        #expect(payment.imbalances.map(\.differenceCents) == [400_000_000_000])  // the claim: -1e11 charged, 2e11 adjusted, 1e11 paid
        let beyond = body.map { $0.replacingOccurrences(of: big, with: "92233720368547758.07") }
        #expect(throws: X12Error.self) { try ERAReader.read(Synthetic().file(sets: [beyond]).bytes) }
        do {
            _ = try ERAReader.read(Synthetic().file(sets: [beyond]).bytes)
        } catch {
            #expect(error.segmentID == "BPR" && error.message == "BPR02 is beyond ±1000000000.00, the largest amount read")
        }
    }
}
