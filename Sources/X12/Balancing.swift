/// The balancing rules of the X12 835 (005010X221A1 section 1.10.2), applied to a payment.
///
/// - line: SVC02 − Σ line CAS amounts = SVC03;
/// - claim: CLP03 − Σ claim CAS − Σ line CAS = CLP04;
/// - payment: Σ CLP04 − Σ PLB amounts = BPR02.
/// Each broken rule gives one `ERAImbalance` (claim, then its lines, in file order; the
/// payment last). Sums wrap instead of trapping (amounts are bounded by the reader; absurd
/// inputs give absurd differences, never a crash).
enum Balancing {
    /// The imbalances of `payment`; `bprSegment` is the number of its BPR segment.
    static func imbalances(of payment: ERAPayment, bprSegment: Int) -> [ERAImbalance] {
        var found: [ERAImbalance] = []
        var paidTotal = 0
        for claim in payment.claims {
            paidTotal = paidTotal &+ claim.paidCents
            var adjusted = sum(claim.adjustments)
            var lineFindings: [ERAImbalance] = []
            for (position, line) in claim.serviceLines.enumerated() {
                let lineAdjusted = sum(line.adjustments)
                adjusted = adjusted &+ lineAdjusted
                let expected = line.chargeCents &- lineAdjusted
                if expected != line.paidCents {
                    lineFindings.append(ERAImbalance(
                        level: .line, claimNumber: claim.claimNumber, lineNumber: position + 1,
                        segmentNumber: line.segmentNumber, expectedCents: expected, actualCents: line.paidCents))
                }
            }
            let expected = claim.chargeCents &- adjusted
            if expected != claim.paidCents {
                found.append(ERAImbalance(
                    level: .claim, claimNumber: claim.claimNumber, segmentNumber: claim.segmentNumber,
                    expectedCents: expected, actualCents: claim.paidCents))
            }
            found.append(contentsOf: lineFindings)
        }
        var expected = paidTotal
        for adjustment in payment.providerAdjustments {
            expected = expected &- adjustment.amountCents
        }
        if expected != payment.totalPaymentCents {
            found.append(ERAImbalance(level: .payment, segmentNumber: bprSegment, expectedCents: expected,
                                      actualCents: payment.totalPaymentCents))
        }
        return found
    }

    private static func sum(_ adjustments: [ERAAdjustment]) -> Int {
        var total = 0
        for adjustment in adjustments { total = total &+ adjustment.amountCents }
        return total
    }
}
