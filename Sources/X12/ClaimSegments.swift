/// The claim (X12 835 loop 2100) and service line (loop 2110) segments of `PaymentBuilder`.
extension PaymentBuilder {
    /// CLP: opens a claim. CLP01, CLP02, CLP03 and CLP04 are required, except that a CLP
    /// with both CLP03 and CLP04 empty (seen in the wild: "CLP*090909*22~") reads them as 0,
    /// with a warning.
    mutating func readCLP(_ segment: X12Segment) throws(X12Error) {
        if context == .trailer { throw segment.error("CLP after PLB") }
        closeClaim()
        guard !segment.isEmpty(1) else { throw segment.error("CLP01 is missing") }
        guard !segment.isEmpty(2) else { throw segment.error("CLP02 is missing") }
        var claim = ERAClaim(segmentNumber: segment.number, byteOffset: segment.offset,
                             claimNumber: segment.string(1), statusCode: segment.string(2))
        if segment.isEmpty(3) && segment.isEmpty(4) {
            payment.warnings.append(segment.warning("CLP03 and CLP04 are empty; both read as 0"))
        } else {
            claim.chargeCents = try segment.requiredAmount(3)
            claim.paidCents = try segment.requiredAmount(4)
        }
        claim.patientResponsibilityCents = try segment.amount(5, required: false) ?? 0
        claim.filingIndicator = segment.optionalString(6)
        claim.payerClaimNumber = segment.optionalString(7)
        claim.facilityCode = segment.optionalString(8)
        claim.frequencyCode = segment.optionalString(9)
        self.claim = claim
        context = .claim
    }

    /// CAS: adjustments of the open line, else of the open claim. CAS01 must be CO, OA, PI,
    /// PR or CR; then up to six (reason, amount, quantity) triplets, each reason with an
    /// amount and each amount with a reason; at least one triplet.
    mutating func readCAS(_ segment: X12Segment) throws(X12Error) {
        guard context == .claim || context == .line else { throw segment.error("CAS outside a claim") }
        guard segment.elementIn(1, ["CO", "OA", "PI", "PR", "CR"]) else {
            throw segment.error("CAS01 is not an adjustment group (CO, OA, PI, PR or CR)")
        }
        guard segment.count <= 19 else { throw segment.error("CAS has more than six adjustments") }
        let group = segment.string(1)
        var adjustments: [ERAAdjustment] = []
        var index = 2
        while index <= 17 {
            let hasReason = !segment.isEmpty(index)
            let amount = try segment.amount(index + 1, required: hasReason)
            if hasReason, let amount {
                adjustments.append(ERAAdjustment(group: group, reason: segment.string(index), amountCents: amount,
                                                 quantity: segment.optionalString(index + 2)))
            } else if amount != nil || !segment.isEmpty(index + 2) {
                throw segment.error("\(segment.name(index)) is missing: an adjustment without a reason")
            }
            index += 3
        }
        guard !adjustments.isEmpty else { throw segment.error("CAS has no adjustment (CAS02 and CAS03 are missing)") }
        if context == .line {
            line?.adjustments.append(contentsOf: adjustments)
        } else {
            claim?.adjustments.append(contentsOf: adjustments)
        }
    }

    /// NM1: a person or organization of the open claim (patient, insured, provider…).
    mutating func readNM1(_ segment: X12Segment) throws(X12Error) {
        guard context == .claim || context == .line else { throw segment.error("NM1 outside a claim") }
        claim?.people.append(ERAPerson(
            entity: segment.string(1), lastName: segment.string(3), firstName: segment.optionalString(4),
            middleName: segment.optionalString(5), idQualifier: segment.optionalString(8),
            id: segment.optionalString(9)))
    }

    /// MIA (MIA05, MIA20–23) and MOA (MOA03–07): remark codes of the open claim, each once.
    mutating func readRemarks(_ segment: X12Segment) throws(X12Error) {
        guard context == .claim || context == .line else {
            throw segment.error("\(segment.idText) outside a claim")
        }
        let positions = segment.id == SegmentID.MIA ? [5, 20, 21, 22, 23] : [3, 4, 5, 6, 7]
        for index in positions where !segment.isEmpty(index) {
            let code = segment.string(index)
            if claim?.remarkCodes.contains(code) == false { claim?.remarkCodes.append(code) }
        }
    }

    /// AMT: an amount of the open line (AMT*B6 is its allowed amount), else of the open
    /// claim; skipped elsewhere. AMT02 is required.
    mutating func readAMT(_ segment: X12Segment) throws(X12Error) {
        guard context == .claim || context == .line else { return }
        let amount = ERAAmount(qualifier: segment.string(1), cents: try segment.requiredAmount(2))
        if context == .line {
            if segment.elementIs(1, "B6") { line?.allowedCents = amount.cents }
            line?.amounts.append(amount)
        } else {
            claim?.amounts.append(amount)
        }
    }

    /// SVC: opens a service line of the open claim. SVC01, SVC02 and SVC03 are required,
    /// except that a line with both SVC02 and SVC03 empty (seen in the wild) reads them as 0,
    /// with a warning.
    mutating func readSVC(_ segment: X12Segment) throws(X12Error) {
        guard context == .claim || context == .line else {
            throw segment.error(context == .claims || isInHeader ? "SVC before any CLP" : "SVC after PLB")
        }
        closeLine()
        guard let procedure = segment.composite(1) else { throw segment.error("SVC01 is missing") }
        var line = ERAServiceLine(segmentNumber: segment.number, procedure: procedure)
        if segment.isEmpty(2) && segment.isEmpty(3) {
            payment.warnings.append(segment.warning("SVC02 and SVC03 are empty; both read as 0"))
        } else {
            line.chargeCents = try segment.requiredAmount(2)
            line.paidCents = try segment.requiredAmount(3)
        }
        line.revenueCode = segment.optionalString(4)
        line.units = segment.optionalString(5)
        line.originalProcedure = segment.composite(6)
        self.line = line
        context = .line
    }

    /// LQ: LQ*HE remark codes of the open service line (other LQ01 qualifiers skipped).
    mutating func readLQ(_ segment: X12Segment) throws(X12Error) {
        guard context == .line else { throw segment.error("LQ outside a service line") }
        if segment.elementIs(1, "HE") && !segment.isEmpty(2) { line?.remarkCodes.append(segment.string(2)) }
    }

    /// DTM of a service line: 472 service date (D8, or RD8 range in DTM06 form
    /// "CCYYMMDD-CCYYMMDD"), 150 start, 151 end.
    mutating func readLineDate(_ segment: X12Segment) {
        if segment.elementIs(1, "472") {
            if segment.isEmpty(2) && segment.elementIs(5, "RD8") {
                let range = segment.bytes(6)
                guard range.count == 17, range[8] == UInt8(ascii: "-"),
                      let from = X12Date(x12: range[0..<8]), let to = X12Date(x12: range[9..<17]) else {
                    payment.warnings.append(segment.warning("DTM06 is not a date range (CCYYMMDD-CCYYMMDD); ignored"))
                    return
                }
                line?.serviceDate = from
                line?.serviceEndDate = to
            } else {
                let value = date(segment, 2); line?.serviceDate = value
            }
        } else if segment.elementIs(1, "150") {
            let value = date(segment, 2); line?.serviceDate = value
        } else if segment.elementIs(1, "151") {
            let value = date(segment, 2); line?.serviceEndDate = value
        }
    }
}
