/// Routes each segment: envelope segments (ISA, GS, ST, SE, GE, IEA) to the
/// `EnvelopeTracker`, the others to the `PaymentBuilder` of the open set and to its
/// `Fingerprint`. Collects each payment as its SE closes it, in `completed`.
///
/// Errors: a segment other than ISA/GS/ST/GE/IEA outside a transaction set (e.g. a CLP after
/// SE), and whatever the tracker and builder raise.
struct TransactionProcessor: SegmentHandler {
    var envelope = EnvelopeTracker()
    /// False: segments go to the envelope tracker and the fingerprint only, and each payment is
    /// empty but for its fingerprint (see `ERAReader.init(buildingPayments:)`).
    var buildsPayments = true
    /// The builder of the open set (a fresh one at each ST; unused between sets). Not an
    /// Optional: mutating a large struct through optional chaining copied it per segment.
    private var builder = PaymentBuilder()
    private var fingerprint = Fingerprint()
    /// Payments completed and not yet taken by the reader.
    var completed: [ERAPayment] = []
    /// File-level warnings (a missing envelope).
    private(set) var warnings: [X12Warning] = []

    var atTopLevel: Bool { envelope.atTopLevel }

    /// Takes one segment; an SE adds its payment to `completed`.
    mutating func handle(_ segment: X12Segment) throws(X12Error) {
        switch segment.id {
        case SegmentID.ISA:
            try envelope.openInterchange(segment)
        case SegmentID.GS:
            try envelope.openGroup(segment)
        case SegmentID.ST:
            if let warning = try envelope.openSet(segment) { warnings.append(warning) }
            builder = PaymentBuilder(start: segment, version: envelope.group?.version)
            fingerprint.reset()
        case SegmentID.SE:
            let warning = try envelope.closeSet(segment)
            // Appended first and completed in place (no copy of the payment).
            if buildsPayments {
                completed.append(try builder.finish(at: segment))
            } else {
                completed.append(ERAPayment())
            }
            builder = PaymentBuilder()
            let last = completed.count - 1
            completed[last].fingerprint = fingerprint.finish()
            if let warning { completed[last].warnings.append(warning) }
        case SegmentID.GE:
            try envelope.closeGroup(segment)
        case SegmentID.IEA:
            try envelope.closeInterchange(segment)
        default:
            guard envelope.set != nil else {
                throw segment.error("\(segment.idText) outside a transaction set")
            }
            envelope.countSegment()
            fingerprint.add(segment)
            if buildsPayments { try builder.handle(segment) }
        }
    }
}
