/// The balancing rules of the X12 835 (005010X221A1 section 1.10.2), checked as the payment
/// is read (running sums, no second pass over the claims):
///
/// - line: SVC02 − Σ line CAS amounts = SVC03;
/// - claim: CLP03 − Σ claim CAS − Σ line CAS = CLP04;
/// - payment: Σ CLP04 − Σ PLB amounts = BPR02.
///
/// Each broken rule gives one `ERAImbalance`: a claim's, then its lines', in file order; the
/// payment's last. Sums wrap instead of trapping (absurd inputs give absurd differences,
/// never a crash).
struct Balancing {
    private(set) var imbalances: [ERAImbalance] = []
    private var paidTotal = 0
    private var providerTotal = 0
    private var claimAdjusted = 0
    private var lineAdjusted = 0
    private var lineCount = 0
    private var lineFindings: [ERAImbalance] = []

    /// Adds a CAS amount of the open line (`onLine`) or of the open claim.
    mutating func addAdjustment(_ cents: Int, onLine: Bool) {
        claimAdjusted = claimAdjusted &+ cents
        if onLine { lineAdjusted = lineAdjusted &+ cents }
    }

    /// Adds a PLB amount.
    mutating func addProviderAdjustment(_ cents: Int) {
        providerTotal = providerTotal &+ cents
    }

    /// A service line is complete: SVC02 `chargeCents`, SVC03 `paidCents`, its claim's
    /// CLP01 and its SVC's segment number.
    mutating func closeLine(chargeCents: Int, paidCents: Int, claimNumber: String, segmentNumber: Int) {
        lineCount += 1
        let expected = chargeCents &- lineAdjusted
        if expected != paidCents {
            lineFindings.append(ERAImbalance(
                level: .line, claimNumber: claimNumber, lineNumber: lineCount, segmentNumber: segmentNumber,
                expectedCents: expected, actualCents: paidCents))
        }
        lineAdjusted = 0
    }

    /// A claim is complete (its lines closed before): CLP03 `chargeCents`, CLP04
    /// `paidCents`, CLP01 and the CLP's segment number.
    mutating func closeClaim(chargeCents: Int, paidCents: Int, claimNumber: String, segmentNumber: Int) {
        paidTotal = paidTotal &+ paidCents
        let expected = chargeCents &- claimAdjusted
        if expected != paidCents {
            imbalances.append(ERAImbalance(
                level: .claim, claimNumber: claimNumber, segmentNumber: segmentNumber,
                expectedCents: expected, actualCents: paidCents))
        }
        imbalances.append(contentsOf: lineFindings)
        lineFindings.removeAll(keepingCapacity: true)
        claimAdjusted = 0
        lineAdjusted = 0
        lineCount = 0
    }

    /// The payment is complete: every imbalance found, the payment's last (`totalCents` is
    /// BPR02, `bprSegment` the BPR's segment number).
    mutating func finish(totalCents: Int, bprSegment: Int) -> [ERAImbalance] {
        let expected = paidTotal &- providerTotal
        if expected != totalCents {
            imbalances.append(ERAImbalance(level: .payment, segmentNumber: bprSegment, expectedCents: expected,
                                           actualCents: totalCents))
        }
        return imbalances
    }
}
