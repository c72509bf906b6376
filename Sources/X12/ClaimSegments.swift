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
        // Everything that may throw is read first: the claim is then built and moved into
        // the payment without a copy.
        var chargeCents = 0
        var paidCents = 0
        if segment.isEmpty(3) && segment.isEmpty(4) {
            payment.warnings.append(segment.warning("CLP03 and CLP04 are empty; both read as 0"))
        } else {
            chargeCents = try segment.requiredAmount(3)
            paidCents = try segment.requiredAmount(4)
        }
        let responsibility = try segment.amount(5, required: false) ?? 0
        // Payments often hold a few claims, claims a few people and lines: one allocation
        // each for the first few instead of growing 1, 2, 4.
        if payment.claims.isEmpty { payment.claims.reserveCapacity(PaymentBuilder.firstCapacity) }
        payment.claims.append(ERAClaim(
            segmentNumber: segment.number, byteOffset: segment.offset, claimNumber: segment.string(1),
            statusCode: segment.string(2), chargeCents: chargeCents, paidCents: paidCents,
            patientResponsibilityCents: responsibility, filingIndicator: segment.optionalString(6),
            payerClaimNumber: segment.optionalString(7), facilityCode: segment.optionalString(8),
            frequencyCode: segment.optionalString(9)))
        hasClaim = true
        context = .claim
    }

    /// CAS: adjustments of the open line, else of the open claim. CAS01 must be CO, OA, PI,
    /// PR or CR; then up to six (reason, amount, quantity) triplets, each reason with an
    /// amount and each amount with a reason; at least one triplet.
    mutating func readCAS(_ segment: X12Segment) throws(X12Error) {
        guard context == .claim || context == .line else { throw segment.error("CAS outside a claim") }
        guard let code = segment.code(1), PaymentBuilder.isAdjustmentGroup(code) else {
            throw segment.error("CAS01 is not an adjustment group (CO, OA, PI, PR or CR)")
        }
        guard segment.count <= 19 else { throw segment.error("CAS has more than six adjustments") }
        let group = PaymentBuilder.groupText(code)
        let onLine = context == .line
        var found = false
        var index = 2
        // Triplets past the last element are all empty: nothing to read or check there.
        let lastTriplet = min(17, segment.count)
        while index <= lastTriplet {
            let hasReason = !segment.isEmpty(index)
            let amount = try segment.amount(index + 1, required: hasReason)
            if hasReason, let amount {
                // Appended as read: an error later in the segment fails the whole stream.
                appendAdjustment(ERAAdjustment(group: group, reason: segment.string(index), amountCents: amount,
                                               quantity: segment.optionalString(index + 2)), onLine: onLine)
                balancing.addAdjustment(amount, onLine: onLine)
                found = true
            } else if amount != nil || !segment.isEmpty(index + 2) {
                throw segment.error("\(segment.name(index)) is missing: an adjustment without a reason")
            }
            index += 3
        }
        guard found else { throw segment.error("CAS has no adjustment (CAS02 and CAS03 are missing)") }
    }

    /// Capacity given to the claims of a payment, and the people and lines of a claim, at
    /// their first element.
    static let firstCapacity = 4

    /// Whether a packed CAS01 code (see `SegmentID.pack`) is CO, OA, PI, PR or CR.
    static func isAdjustmentGroup(_ code: UInt32) -> Bool {
        switch code {
        case 0x434F00, 0x4F4100, 0x504900, 0x505200, 0x435200: return true
        default: return false
        }
    }

    /// A CAS01 code as text, from literals (no String built per segment).
    static func groupText(_ code: UInt32) -> String {
        switch code {
        case 0x434F00: return "CO"
        case 0x4F4100: return "OA"
        case 0x504900: return "PI"
        case 0x505200: return "PR"
        default: return "CR"
        }
    }

    /// NM1: a person or organization of the open claim (patient, insured, provider…).
    mutating func readNM1(_ segment: X12Segment) throws(X12Error) {
        guard context == .claim || context == .line else { throw segment.error("NM1 outside a claim") }
        appendPerson(ERAPerson(
            entity: segment.string(1), lastName: segment.string(3), firstName: segment.optionalString(4),
            middleName: segment.optionalString(5), idQualifier: segment.optionalString(8),
            id: segment.optionalString(9)))
    }

    /// MIA (MIA05, MIA20–23) and MOA (MOA03–07): remark codes of the open claim, each once.
    mutating func readRemarks(_ segment: X12Segment) throws(X12Error) {
        guard context == .claim || context == .line else {
            throw segment.error("\(segment.idText) outside a claim")
        }
        let positions = segment.id == SegmentID.MIA ? PaymentBuilder.miaRemarks : PaymentBuilder.moaRemarks
        for index in positions where !segment.isEmpty(index) {
            let code = segment.string(index)
            updateClaim { claim in
                if !claim.remarkCodes.contains(code) { claim.remarkCodes.append(code) }
            }
        }
    }

    /// Positions of the remark codes: MIA05, MIA20–23; MOA03–07.
    static let miaRemarks = [5, 20, 21, 22, 23]
    static let moaRemarks = [3, 4, 5, 6, 7]

    /// AMT: an amount of the open line (AMT*B6 is its allowed amount), else of the open
    /// claim; skipped elsewhere. AMT02 is required.
    mutating func readAMT(_ segment: X12Segment) throws(X12Error) {
        guard context == .claim || context == .line else { return }
        let cents = try segment.requiredAmount(2)
        appendAmount(ERAAmount(qualifier: segment.string(1), cents: cents), onLine: context == .line,
                     isAllowed: context == .line && segment.elementIs(1, "B6"))
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
        var chargeCents = 0
        var paidCents = 0
        if segment.isEmpty(2) && segment.isEmpty(3) {
            payment.warnings.append(segment.warning("SVC02 and SVC03 are empty; both read as 0"))
        } else {
            chargeCents = try segment.requiredAmount(2)
            paidCents = try segment.requiredAmount(3)
        }
        appendLine(ERAServiceLine(segmentNumber: segment.number, procedure: procedure, chargeCents: chargeCents,
                                  paidCents: paidCents, revenueCode: segment.optionalString(4),
                                  units: segment.optionalString(5), originalProcedure: segment.composite(6)))
        hasLine = true
        context = .line
    }

    /// LQ: LQ*HE remark codes of the open service line (other LQ01 qualifiers skipped).
    mutating func readLQ(_ segment: X12Segment) throws(X12Error) {
        guard context == .line else { throw segment.error("LQ outside a service line") }
        if segment.elementIs(1, "HE") && !segment.isEmpty(2) {
            let code = segment.string(2)
            updateLine { $0.remarkCodes.append(code) }
        }
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
                updateLine { line in
                    line.serviceDate = from
                    line.serviceEndDate = to
                }
            } else {
                let value = date(segment, 2)
                updateLine { $0.serviceDate = value }
            }
        } else if segment.elementIs(1, "150") {
            let value = date(segment, 2)
            updateLine { $0.serviceDate = value }
        } else if segment.elementIs(1, "151") {
            let value = date(segment, 2)
            updateLine { $0.serviceEndDate = value }
        }
    }
}
