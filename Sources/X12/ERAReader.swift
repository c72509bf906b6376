/// Reads X12 835 remittance advice (005010X221A1, 004010X091A1) into `ERAPayment`s.
///
/// Streaming: `feed` chunks of any size (1 byte to the whole file) and get each payment
/// (transaction set, ST…SE) as soon as its SE arrives; memory holds the unfinished segment
/// and the payment being built, never earlier payments. `finish` ends the input. The same
/// input gives the same payments whatever the chunking. Positions in errors count from the
/// start of the stream. After an error, every later call throws the same error.
///
/// Input: one or more interchanges (ISA…IEA) of groups (GS…GE) of sets, or sets without
/// envelope (a warning), an optional UTF-8 byte-order mark, padding (CR, LF, space, tab)
/// between segments. See `X12Error` for what is refused and `X12Warning` for what is only
/// reported.
public struct ERAReader {
    private var scanner = SegmentScanner()
    private var processor = TransactionProcessor()
    private var failure: X12Error?
    private var finished = false

    /// A reader at the start of a stream. With `buildingPayments` false it only splits segments,
    /// checks the envelope (ISA/GS/ST/SE/GE/IEA and their counts) and computes each set's
    /// fingerprint: each payment it returns is empty but for `fingerprint`, and nothing inside a
    /// set (amounts, CAS triplets, balancing) is checked. That is the reader's ceiling, the
    /// speed no building of payments can beat, which `make bench` prints beside the full reader.
    public init(buildingPayments: Bool = true) {
        processor.buildsPayments = buildingPayments
    }

    /// Feeds the next bytes; returns the transaction sets (payments) completed by them, in
    /// order. Throws the first fault found in the stream.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(X12Error) -> [ERAPayment] {
        if let failure { throw failure }
        if finished {
            throw fail(X12Error(segmentNumber: scanner.segmentCount, byteOffset: scanner.streamLength,
                                segmentID: "", message: "input fed after finish"))
        }
        scanner.append(bytes)
        return try run(atEnd: false)
    }

    /// Feeds the next bytes (see `feed(_: UnsafeRawBufferPointer)`).
    public mutating func feed(_ bytes: [UInt8]) throws(X12Error) -> [ERAPayment] {
        try bytes.withUnsafeBufferPointer { (pointer) throws(X12Error) -> [ERAPayment] in
            try feed(UnsafeRawBufferPointer(pointer))
        }
    }

    /// Ends the input: checks nothing is left open (SE, GE or IEA missing, a segment cut
    /// short, no segment at all = error) and returns the file-level warnings (no envelope,
    /// unterminated last segment), in stream order. Payment-level warnings are on each
    /// `ERAPayment.warnings`.
    public mutating func finish() throws(X12Error) -> [X12Warning] {
        if let failure { throw failure }
        if !finished {
            finished = true
            _ = try run(atEnd: true)
            if let missing = processor.envelope.missingAtEnd() {
                throw fail(X12Error(segmentNumber: scanner.segmentCount + 1, byteOffset: scanner.streamLength,
                                    segmentID: missing.id, message: missing.message))
            }
            if scanner.segmentCount == 0 {
                throw fail(X12Error(segmentNumber: 0, byteOffset: 0, segmentID: "",
                                    message: "the input holds no X12 segment"))
            }
        }
        return (processor.warnings + scanner.warnings).sorted { $0.segmentNumber < $1.segmentNumber }
    }

    /// Reads a whole file. Every warning (file-level and of each payment) is in
    /// `ERAFile.warnings`, in stream order.
    public static func read(_ bytes: [UInt8]) throws(X12Error) -> ERAFile {
        var reader = ERAReader()
        let payments = try reader.feed(bytes)
        let fileWarnings = try reader.finish()
        let all = (fileWarnings + payments.flatMap(\.warnings)).enumerated().sorted {
            ($0.element.segmentNumber, $0.offset) < ($1.element.segmentNumber, $1.offset)
        }
        return ERAFile(payments: payments, warnings: all.map(\.element))
    }

    /// Work done so far (bytes scanned, segments read), for tests of linear time.
    var statistics: SegmentScanner.Statistics { scanner.statistics }

    /// Bytes kept between feeds (the unfinished segment), for tests of bounded memory.
    var pendingByteCount: Int { scanner.pendingCount }

    private mutating func run(atEnd: Bool) throws(X12Error) -> [ERAPayment] {
        do throws(X12Error) {
            try scanner.drain(atEnd: atEnd, handler: &processor)
        } catch {
            failure = error
            processor = TransactionProcessor()
            throw error
        }
        defer { processor.completed.removeAll() }
        return processor.completed
    }

    private mutating func fail(_ error: X12Error) -> X12Error {
        failure = error
        return error
    }
}
