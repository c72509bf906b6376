import Testing
@testable import X12

/// Every field of a payment, read from a small synthetic 835.
@Suite struct PaymentTests {
    @Test func readsEveryField() throws {
        var body = Synthetic.body
        body.insert("MIA*0****MA01" + String(repeating: "*", count: 15) + "N20*MA01", at: 9)
        body.insert("MOA***MA02*N20", at: 10)
        body.insert("DTM*232*20240101", at: 11)
        body.insert("REF*EA*ACCT", at: 12)
        body.insert("AMT*AU*90", at: 13)
        body.append("PLB*1234567893*20241231*L6:INT1*-1.5*WO*1.5")
        body[0] = "BPR*C*80*C*ACH*CCP*01*111*DA*22*1234567890**01*222*DA*33*20240105"
        let file = try ERAReader.read(Synthetic().file(sets: [body]).bytes)
        let payment = try #require(file.payments.first)
        #expect(payment.version == "005010X221A1")
        #expect(payment.transactionControlNumber == "0001")
        #expect(payment.segmentNumber == 3 && payment.byteOffset == 106 + 53)
        #expect(payment.handlingCode == "C" && payment.totalPaymentCents == 8000)
        #expect(payment.creditDebit == "C" && payment.paymentMethod == "ACH")
        #expect(payment.paymentDate == X12Date(year: 2024, month: 1, day: 5))
        #expect(payment.traceNumber == "TRACE1" && payment.traceOriginatorID == "1999999999")
        #expect(payment.productionDate == X12Date(year: 2024, month: 1, day: 4))
        #expect(payment.payer == ERAParty(name: "PAYER ONE", idQualifier: "XV", id: "12345",
                                          additionalIDs: [ERAReference(qualifier: "2U", value: "777")]))
        #expect(payment.payee == ERAParty(name: "CLINIC", idQualifier: "XX", id: "1234567893"))
        #expect(payment.providerAdjustments == [
            ERAProviderAdjustment(providerID: "1234567893", fiscalPeriodDate: X12Date(year: 2024, month: 12, day: 31),
                                  reason: "L6", reference: "INT1", amountCents: -150),
            ERAProviderAdjustment(providerID: "1234567893", fiscalPeriodDate: X12Date(year: 2024, month: 12, day: 31),
                                  reason: "WO", amountCents: 150),
        ])
        #expect(payment.imbalances.isEmpty)
        #expect(payment.warnings.isEmpty && file.warnings.isEmpty)

        let claim = try #require(payment.claims.first)
        #expect(claim.segmentNumber == 11)
        #expect(claim.claimNumber == "CLAIM1" && claim.statusCode == "1")
        #expect(claim.chargeCents == 10000 && claim.paidCents == 8000 && claim.patientResponsibilityCents == 1000)
        #expect(claim.filingIndicator == "12" && claim.payerClaimNumber == "PCN1")
        #expect(claim.facilityCode == nil && claim.frequencyCode == nil)
        #expect(claim.people == [ERAPerson(entity: "QC", lastName: "DOE", firstName: "JANE", idQualifier: "MI", id: "M1")])
        #expect(claim.patient?.lastName == "DOE")
        #expect(claim.remarkCodes == ["MA01", "N20", "MA02"])
        #expect(claim.statementStart == X12Date(year: 2024, month: 1, day: 1) && claim.statementEnd == nil)
        #expect(claim.references == [ERAReference(qualifier: "EA", value: "ACCT")])
        #expect(claim.amounts == [ERAAmount(qualifier: "AU", cents: 9000)])
        #expect(claim.adjustments.isEmpty)

        let line = try #require(claim.serviceLines.first)
        #expect(line.segmentNumber == 18)
        #expect(line.procedure == "HC:99213:25" && line.chargeCents == 10000 && line.paidCents == 8000)
        #expect(line.revenueCode == nil && line.units == "1" && line.originalProcedure == nil)
        #expect(line.serviceDate == X12Date(year: 2024, month: 1, day: 2) && line.serviceEndDate == nil)
        #expect(line.adjustments == [ERAAdjustment(group: "CO", reason: "45", amountCents: 1000),
                                     ERAAdjustment(group: "PR", reason: "2", amountCents: 1000)])
        #expect(line.allowedCents == 9000 && line.amounts == [ERAAmount(qualifier: "B6", cents: 9000)])
        #expect(line.remarkCodes == ["N130"])
        #expect(line.controlNumber == nil && line.references.isEmpty)
    }

    @Test func readsServiceDateRangesAndLineReferences() throws {
        var body = Synthetic.body
        body[10] = "DTM*472****RD8*20240102-20240109"
        body.insert("REF*6R*LINE-1", at: 11)
        body.insert("CAS*OA*23*0*2*94*0", at: 12)
        let line = try #require(ERAReader.read(Synthetic().file(sets: [body]).bytes).payments.first?.claims.first?
            .serviceLines.first)
        #expect(line.serviceDate == X12Date(year: 2024, month: 1, day: 2))
        #expect(line.serviceEndDate == X12Date(year: 2024, month: 1, day: 9))
        #expect(line.controlNumber == "LINE-1")
        #expect(line.adjustments.first == ERAAdjustment(group: "OA", reason: "23", amountCents: 0, quantity: "2"))
        #expect(line.adjustments.count == 4)
    }

    @Test func skipsSegmentsItHasNoUseFor() throws {
        var body = Synthetic.body
        body.insert("PER*BL*JOHN*TE*5551212", at: 4)
        body.insert("N3*1 MAIN ST", at: 4)
        body.insert("N4*CITY*ST*12345", at: 5)
        body.insert("TS3*1234567893*11*20241231*1*100", at: 9)
        body.insert("QTY*CA*1", at: 12)
        body.insert("RDM*BM", at: 8)
        body.insert("ZZZ*UNKNOWN", at: 3)
        let file = try ERAReader.read(Synthetic().file(sets: [body]).bytes)
        #expect(file.payments.first?.claims.count == 1)
        #expect(file.payments.first?.imbalances.isEmpty == true)
    }
}
