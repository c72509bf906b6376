import Testing
@testable import X12

/// Every shared sample file reads, with values pinned for a few of them.
@Suite struct SampleFileTests {
    @Test func everySampleFileReads() throws {
        let names = SampleFiles.names()
        #expect(names.count >= 14, "expected the 14 shared sample files in \(SampleFiles.folder)")
        for name in names {
            let file = try #require(SampleFiles.read(name), "\(name) does not read")
            #expect(!file.payments.isEmpty, "\(name) has no payment")
            for payment in file.payments {
                #expect(payment.fingerprint.count == 64, "\(name)")
                #expect(!payment.claims.isEmpty, "\(name)")
            }
        }
    }

    @Test func claimCountsMatchTheClaimsFixture() throws {
        // One entry of ../shared/data/claims/remittance-claims.json per CLP loop.
        let expected = [
            "835_mult_loops.txt": 1, "X221-era-sample.edi": 1, "X221-multiple-claims-single-check.edi": 9,
            "blue_cross_nc_sample.txt": 1, "cob-contractural-adjustment.835": 1, "emedny_sample.txt": 3,
            "managed-care.835": 2, "medicare-part-a.835": 2, "oopfactory_4010_FromNth_835_DeIdent_01.dat": 96,
            "oopfactory_5010_Example1.txt": 10, "oopfactory_5010_ExampleFromNth.txt": 56,
            "secondary-payment.835": 2, "tertiary-payment.835": 1, "united_healthcare_legacy_sample.txt": 2,
        ]
        for (name, count) in expected {
            let file = try #require(SampleFiles.read(name))
            #expect(file.payments.reduce(0) { $0 + $1.claims.count } == count, "\(name)")
        }
    }

    @Test func emednyDenialShowsAsPaidZeroWithTimelyFiling() throws {
        let payment = try #require(SampleFiles.read("emedny_sample.txt")?.payments.first)
        #expect(payment.totalPaymentCents == 4575)
        #expect(payment.paymentMethod == "ACH")
        #expect(payment.paymentDate == X12Date(year: 2010, month: 1, day: 1))
        #expect(payment.traceNumber == "10100000000")
        #expect(payment.payer.name == "NYSDOH")
        #expect(payment.payee?.id == "9999999995")
        let claim = payment.claims[1]
        #expect(claim.statusCode == "2")
        #expect(claim.paidCents == 0)
        #expect(claim.chargeCents == 3400)
        #expect(claim.serviceLines.first?.adjustments == [ERAAdjustment(group: "CO", reason: "29", amountCents: 1200)])
        #expect(claim.serviceLines.flatMap(\.adjustments).allSatisfy { $0.group == "CO" && $0.reason == "29" })
        #expect(payment.claims[0].serviceLines.map(\.procedure) == ["HC:V2020:RB", "HC:V2700:RB", "HC:V2103:RB", "HC:S0580"])
        #expect(payment.claims[2].serviceLines.last?.remarkCodes == ["N206"])
    }

    @Test func blueCrossHasNoEnvelopeAndAWrongSECount() throws {
        let file = try #require(SampleFiles.read("blue_cross_nc_sample.txt"))
        #expect(file.warnings.map(\.segmentID) == ["ST", "SVC", "SE"])
        #expect(file.warnings[0].message.contains("no interchange envelope"))
        #expect(file.warnings[0].segmentNumber == 1 && file.warnings[0].byteOffset == 0)
        #expect(file.warnings[2].message == "SE01 says 33 segments; the set has 32")
        #expect(file.warnings[2].segmentNumber == 32)
        let payment = try #require(file.payments.first)
        #expect(payment.version == nil)
        #expect(payment.totalPaymentCents == 192_286)
        let claim = try #require(payment.claims.first)
        #expect(claim.claimNumber == "200200964A52")
        #expect(claim.patientResponsibilityCents == 14254)
        #expect(claim.serviceLines.map(\.chargeCents) == [121_000, 89000, 0])
        #expect(claim.serviceLines[0].originalProcedure == "HC:59410")
        #expect(claim.serviceLines[0].allowedCents == 117_540)
        #expect(payment.imbalances.isEmpty)
    }

    @Test func oopfactoryFromNthHasThreeInterchangesAndAnotherComponentSeparator() throws {
        let file = try #require(SampleFiles.read("oopfactory_5010_ExampleFromNth.txt"))
        #expect(file.payments.count == 3)
        #expect(file.payments.map(\.transactionControlNumber) == ["8001", "9001", "10001"])
        #expect(file.payments.first?.byteOffset == 171)  // after the BOM, the ISA line and indents
        let procedures = file.payments.flatMap(\.claims).flatMap(\.serviceLines).map(\.procedure)
        #expect(procedures.first == "XX:99999")
        #expect(procedures.allSatisfy { !$0.contains(">") })
        #expect(file.warnings.isEmpty)
    }

    @Test func the4010FileKeepsItsVersionAndRepetitionCode() throws {
        let file = try #require(SampleFiles.read("oopfactory_4010_FromNth_835_DeIdent_01.dat"))
        let payment = try #require(file.payments.first)
        // GS08 as written: the de-identified file replaced 004010X091A1 by nines and X's.
        #expect(payment.version == "999999X999X9")
        #expect(payment.claims.count == 96)
        #expect(payment.payer.additionalIDs == [ERAReference(qualifier: "2U", value: "99999")])
        #expect(payment.claims[0].claimNumber == "9999999999-999")
        #expect(payment.claims[0].chargeCents == 48800 && payment.claims[0].paidCents == 0)
        #expect(payment.claims[0].serviceLines[0].remarkCodes == ["X999"])
    }

    @Test func the5010Example1ReadsItsReversalsAndCorrections() throws {
        let file = try #require(SampleFiles.read("oopfactory_5010_Example1.txt"))
        let payment = try #require(file.payments.first)
        #expect(payment.version == "5010")
        #expect(payment.handlingCode == "H")
        let reversal = payment.claims[7]
        #expect(reversal.statusCode == "22" && reversal.chargeCents == -4258 && reversal.paidCents == -4258)
        #expect(reversal.serviceLines[0].adjustments.map(\.group) == ["CR", "CR", "CR", "OA"])
        let bare = payment.claims[9]
        #expect(bare.claimNumber == "090909" && bare.chargeCents == 0 && bare.paidCents == 0)
        #expect(file.warnings.map(\.message) == ["CLP03 and CLP04 are empty; both read as 0"])
        #expect(payment.providerAdjustments == [ERAProviderAdjustment(
            providerID: "123456", fiscalPeriodDate: X12Date(year: 1996, month: 9, day: 30), reason: "CV",
            reference: "9876514", amountCents: -127)])
        #expect(payment.claims[8].serviceLines[0].serviceDate == X12Date(year: 2004, month: 2, day: 10))
        #expect(payment.claims[8].serviceLines[0].serviceEndDate == X12Date(year: 2004, month: 2, day: 11))
    }

    @Test func medicarePartAReadsInpatientRemarksAndPLB() throws {
        let payment = try #require(SampleFiles.read("medicare-part-a.835")?.payments.first)
        #expect(payment.handlingCode == "C" && payment.totalPaymentCents == 15_000_000)
        #expect(payment.payer.additionalIDs == [ERAReference(qualifier: "2U", value: "999")])
        #expect(payment.claims[1].remarkCodes == ["MA02"])
        #expect(payment.claims[0].statementStart == X12Date(year: 2002, month: 8, day: 16))
        #expect(payment.providerAdjustments.map(\.reason) == ["CV"])
        #expect(payment.imbalances.isEmpty)
    }

    @Test func managedCareKeepsReadingPastAnImpossibleDate() throws {
        let file = try #require(SampleFiles.read("managed-care.835"))
        let payment = try #require(file.payments.first)
        #expect(payment.paymentDate == nil)  // BPR16 is 20002316
        #expect(file.warnings.map(\.message) == ["BPR16 is not a date (CCYYMMDD); ignored"])
        #expect(payment.claims[0].adjustments == [ERAAdjustment(group: "CO", reason: "A2", amountCents: 5000)])
        #expect(payment.claims[0].serviceLines[0].serviceDate == X12Date(year: 2002, month: 3, day: 1))
        #expect(payment.claims[0].serviceLines[0].serviceEndDate == X12Date(year: 2002, month: 3, day: 4))
    }

    @Test func unitedHealthcareReadsPayerIDsAndPeople() throws {
        let payment = try #require(SampleFiles.read("united_healthcare_legacy_sample.txt")?.payments.first)
        #expect(payment.payer.idQualifier == "XV" && payment.payer.id == "87726")
        #expect(payment.claims[0].people.map(\.entity) == ["QC", "74"])
        #expect(payment.claims[0].receivedDate == X12Date(year: 2021, month: 1, day: 14))
        #expect(payment.claims[0].amounts == [ERAAmount(qualifier: "AU", cents: 19418)])
        #expect(payment.claims[0].serviceLines[0].controlNumber == "800941258001")
        #expect(payment.claims[0].serviceLines[0].units == "234")
    }
}
