/// Builds one `ERAPayment` from the segments of one X12 835 transaction set, ST excluded,
/// SE excluded (the envelope tracker handles those).
///
/// Loop structure followed (005010X221A1 / 004010X091A1): header (BPR, TRN, CUR, REF, DTM),
/// 1000A payer (N1*PR …), 1000B payee (N1*PE …), 2000 header number (LX, TS3, TS2),
/// 2100 claim (CLP, CAS, NM1, MIA, MOA, REF, DTM, PER, AMT, QTY), 2110 service line
/// (SVC, DTM, CAS, REF, AMT, QTY, LQ), trailer PLB. Segments the reader has no use for
/// (PER, N3, N4, RDM, TS3, TS2, QTY, CUR, …) are skipped wherever they are.
///
/// Errors (X12Error at the segment): BPR not first or repeated; TRN, N1 after the claims;
/// CLP, LX after PLB; CAS, NM1, MIA, MOA outside a claim; SVC before any CLP; LQ outside a
/// service line; a required element missing or an element that does not read (amounts,
/// dates, CAS groups, dangling CAS/PLB pairs).
struct PaymentBuilder {
    enum Context { case header, payer, payee, otherParty, claims, claim, line, trailer }

    var payment: ERAPayment
    /// Whether the last of `payment.claims` is open (being read), and the last of its lines.
    /// Claims and lines are built in place in their arrays: moving these large structs
    /// around cost more than reading them.
    var hasClaim = false
    var hasLine = false
    var context = Context.header
    var sawBPR = false
    var sawTRN = false
    var bprSegment = 0
    var balancing = Balancing()

    /// A builder with no set (placeholder between sets).
    init() {
        payment = ERAPayment()
    }

    /// A builder for the set whose ST is `start`; `version` from ST03 or GS08.
    init(start: X12Segment, version: String?) {
        payment = ERAPayment(version: start.optionalString(3) ?? version, transactionControlNumber: start.string(2),
                             segmentNumber: start.number, byteOffset: start.offset)
    }

    /// Takes one segment of the set.
    mutating func handle(_ segment: X12Segment) throws(X12Error) {
        let id = segment.id
        if !sawBPR {
            guard id == SegmentID.BPR else {
                if PaymentBuilder.isKnown(id) { throw segment.error("BPR must be the first segment after ST") }
                return
            }
            try readBPR(segment)
            return
        }
        switch id {
        case SegmentID.BPR: throw segment.error("a transaction set has one BPR")
        case SegmentID.TRN: try readTRN(segment)
        case SegmentID.N1: try readN1(segment)
        case SegmentID.REF: readREF(segment)
        case SegmentID.DTM: readDTM(segment)
        case SegmentID.LX:
            if context == .trailer { throw segment.error("LX after PLB") }
            closeClaim()
            context = .claims
        case SegmentID.CLP: try readCLP(segment)
        case SegmentID.CAS: try readCAS(segment)
        case SegmentID.NM1: try readNM1(segment)
        case SegmentID.MIA, SegmentID.MOA: try readRemarks(segment)
        case SegmentID.AMT: try readAMT(segment)
        case SegmentID.SVC: try readSVC(segment)
        case SegmentID.LQ: try readLQ(segment)
        case SegmentID.PLB: try readPLB(segment)
        default: break
        }
    }

    /// The finished payment: open loops closed, imbalances computed; `fingerprint` and
    /// `warnings` are the caller's. Error at `end` (the SE) when the set had no BPR.
    mutating func finish(at end: X12Segment) throws(X12Error) -> ERAPayment {
        guard sawBPR else { throw end.error("the transaction set has no BPR") }
        closeClaim()
        payment.imbalances = balancing.finish(totalCents: payment.totalPaymentCents, bprSegment: bprSegment)
        // Moved out, not copied (a copy retained and then released every field).
        var finished = ERAPayment()
        swap(&finished, &payment)
        return finished
    }

    /// Ids whose appearance before BPR is an error (they carry data the BPR must precede).
    static func isKnown(_ id: UInt32) -> Bool {
        switch id {
        case SegmentID.TRN, SegmentID.N1, SegmentID.LX, SegmentID.CLP, SegmentID.CAS, SegmentID.NM1,
             SegmentID.SVC, SegmentID.LQ, SegmentID.PLB, SegmentID.MIA, SegmentID.MOA:
            return true
        default:
            return false
        }
    }

    var isInHeader: Bool {
        switch context {
        case .header, .payer, .payee, .otherParty: return true
        default: return false
        }
    }

    // MARK: header

    private mutating func readBPR(_ segment: X12Segment) throws(X12Error) {
        sawBPR = true
        bprSegment = segment.number
        payment.handlingCode = segment.string(1)
        payment.totalPaymentCents = try segment.requiredAmount(2)
        payment.creditDebit = segment.optionalString(3)
        payment.paymentMethod = segment.optionalString(4)
        payment.paymentDate = date(segment, 16)
    }

    private mutating func readTRN(_ segment: X12Segment) throws(X12Error) {
        guard isInHeader else { throw segment.error("TRN after the claims") }
        guard !sawTRN else { throw segment.error("a transaction set has one TRN") }
        sawTRN = true
        payment.traceNumber = segment.string(2)
        payment.traceOriginatorID = segment.optionalString(3)
    }

    private mutating func readN1(_ segment: X12Segment) throws(X12Error) {
        guard isInHeader else { throw segment.error("N1 after the claims") }
        let party = ERAParty(name: segment.string(2), idQualifier: segment.optionalString(3),
                             id: segment.optionalString(4))
        if segment.elementIs(1, "PR") {
            payment.payer = party
            context = .payer
        } else if segment.elementIs(1, "PE") {
            payment.payee = party
            context = .payee
        } else {
            context = .otherParty
        }
    }

    private mutating func readREF(_ segment: X12Segment) {
        switch context {
        case .payer, .payee, .claim, .line: break
        default: return
        }
        switch context {
        case .payer: payment.payer.additionalIDs.append(ERAReference(qualifier: segment.string(1), value: segment.string(2)))
        case .payee: payment.payee?.additionalIDs.append(ERAReference(qualifier: segment.string(1), value: segment.string(2)))
        case .claim:
            appendReference(ERAReference(qualifier: segment.string(1), value: segment.string(2)), onLine: false,
                            isControl: false)
        case .line:
            appendReference(ERAReference(qualifier: segment.string(1), value: segment.string(2)), onLine: true,
                            isControl: segment.elementIs(1, "6R"))
        default: break
        }
    }

    private mutating func readDTM(_ segment: X12Segment) {
        switch context {
        case .header, .payer, .payee, .otherParty:
            if segment.elementIs(1, "405") { payment.productionDate = date(segment, 2) }
        case .claim:
            if segment.elementIs(1, "232") {
                let value = date(segment, 2)
                updateClaim { $0.statementStart = value }
            } else if segment.elementIs(1, "233") {
                let value = date(segment, 2)
                updateClaim { $0.statementEnd = value }
            } else if segment.elementIs(1, "050") {
                let value = date(segment, 2)
                updateClaim { $0.receivedDate = value }
            }
        case .line:
            readLineDate(segment)
        case .claims, .trailer:
            break
        }
    }

    // MARK: trailer

    private mutating func readPLB(_ segment: X12Segment) throws(X12Error) {
        closeClaim()
        context = .trailer
        guard segment.count <= 14 else { throw segment.error("PLB has more than six adjustments") }
        let provider = segment.string(1)
        let date = date(segment, 2)
        var index = 3
        while index <= 13 {
            let hasReason = !segment.isEmpty(index)
            let amount = try segment.amount(index + 1, required: hasReason)
            if hasReason, let amount {
                let parts = segment.components(index)
                guard !parts[0].isEmpty else { throw segment.error("\(segment.name(index)) has no reason code") }
                let reference = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
                payment.providerAdjustments.append(ERAProviderAdjustment(
                    providerID: provider, fiscalPeriodDate: date, reason: parts[0], reference: reference,
                    amountCents: amount))
                balancing.addProviderAdjustment(amount)
            } else if amount != nil {
                throw segment.error("\(segment.name(index + 1)) has an amount without a reason in \(segment.name(index))")
            }
            index += 2
        }
    }

    /// Element `index` as a date (CCYYMMDD, or 4010 YYMMDD); nil when empty. A value that is
    /// not a real date is dropped with a warning on the payment (sample files carry such
    /// dates, e.g. BPR16 "20002316"; a date never decides money).
    mutating func date(_ segment: X12Segment, _ index: Int) -> X12Date? {
        if segment.isEmpty(index) { return nil }
        if let date = X12Date(x12: segment.bytes(index)) { return date }
        payment.warnings.append(segment.warning("\(segment.name(index)) is not a date (CCYYMMDD); ignored"))
        return nil
    }

    /// Closes the open claim (and its open line), checking its balance.
    mutating func closeClaim() {
        closeLine()
        guard hasClaim, let last = payment.claims.indices.last else { return }
        hasClaim = false
        balancing.closeClaim(chargeCents: payment.claims[last].chargeCents, paidCents: payment.claims[last].paidCents,
                             claimNumber: payment.claims[last].claimNumber,
                             segmentNumber: payment.claims[last].segmentNumber)
    }

    /// Closes the open service line, checking its balance.
    mutating func closeLine() {
        guard hasLine, hasClaim, let claim = payment.claims.indices.last,
              let last = payment.claims[claim].serviceLines.indices.last else { return }
        hasLine = false
        balancing.closeLine(chargeCents: payment.claims[claim].serviceLines[last].chargeCents,
                            paidCents: payment.claims[claim].serviceLines[last].paidCents,
                            claimNumber: payment.claims[claim].claimNumber,
                            segmentNumber: payment.claims[claim].serviceLines[last].segmentNumber)
    }

    /// Changes the open claim in place (nothing when none is open).
    @inline(__always)
    mutating func updateClaim(_ change: (inout ERAClaim) -> Void) {
        guard hasClaim, let last = payment.claims.indices.last else { return }
        change(&payment.claims[last])
    }

    /// Changes the open service line in place (nothing when none is open).
    @inline(__always)
    mutating func updateLine(_ change: (inout ERAServiceLine) -> Void) {
        guard hasLine else { return }
        updateClaim { claim in
            guard let last = claim.serviceLines.indices.last else { return }
            change(&claim.serviceLines[last])
        }
    }
}
