/// The envelopes around transaction sets: ISA…IEA interchanges, GS…GE functional groups,
/// ST…SE sets, their nesting, counts and control numbers.
///
/// Checks (X12Error at the closing segment): SE01 = segments from ST to SE inclusive,
/// SE02 = ST02, GE01 = sets in the group, GE02 = GS06, IEA01 = groups in the interchange,
/// IEA02 = ISA13 (control numbers made of digits compare as numbers, "0001" = "1"). A set
/// outside any interchange ("bare", files that start with ST) is accepted with the warning
/// "no interchange envelope"; there a wrong SE01 is only a warning on the payment.
/// Nesting errors: ISA inside an interchange, GS outside one, ST inside a set or (in an
/// interchange) outside a group, SE/GE/IEA without their opening segment, a set not 835.
struct EnvelopeTracker {
    struct Interchange { var control: String; var groups = 0 }
    struct Group { var control: String; var version: String?; var sets = 0 }
    struct OpenSet { var control: String; var segments = 1; var enveloped: Bool }

    var interchange: Interchange?
    var group: Group?
    var set: OpenSet?
    private var warnedBare = false

    /// Whether a new interchange (or bare set) may start: nothing is open.
    var atTopLevel: Bool { interchange == nil && set == nil }

    /// ISA: opens an interchange.
    mutating func openInterchange(_ segment: X12Segment) throws(X12Error) {
        if set != nil { throw segment.error("ISA inside a transaction set (SE missing)") }
        if interchange != nil { throw segment.error("ISA inside an interchange (IEA missing)") }
        interchange = Interchange(control: segment.string(13))
    }

    /// GS: opens a functional group; GS08 is the version the group's sets default to.
    mutating func openGroup(_ segment: X12Segment) throws(X12Error) {
        if set != nil { throw segment.error("GS inside a transaction set (SE missing)") }
        guard interchange != nil else { throw segment.error("GS outside an interchange (ISA missing)") }
        if group != nil { throw segment.error("GS inside a functional group (GE missing)") }
        group = Group(control: segment.string(6), version: segment.optionalString(8))
    }

    /// ST: opens a transaction set; returns the file-level warning of a first bare set.
    mutating func openSet(_ segment: X12Segment) throws(X12Error) -> X12Warning? {
        if set != nil { throw segment.error("ST inside a transaction set (SE missing)") }
        guard segment.elementIs(1, "835") else { throw segment.error("ST01 is not 835: not a remittance advice") }
        guard !segment.isEmpty(2) else { throw segment.error("ST02 is missing") }
        if interchange != nil && group == nil { throw segment.error("ST outside a functional group (GS missing)") }
        let enveloped = group != nil
        set = OpenSet(control: segment.string(2), enveloped: enveloped)
        group?.sets += 1
        if !enveloped && !warnedBare {
            warnedBare = true
            return segment.warning("no interchange envelope (ISA/GS); delimiters * : ^ assumed")
        }
        return nil
    }

    /// Counts a segment inside the open set (the caller checked there is one).
    mutating func countSegment() {
        set?.segments += 1
    }

    /// SE: closes the set; returns a warning for a wrong count in a bare set.
    mutating func closeSet(_ segment: X12Segment) throws(X12Error) -> X12Warning? {
        guard var open = set else { throw segment.error("SE outside a transaction set (ST missing)") }
        open.segments += 1
        set = nil
        guard EnvelopeTracker.sameControl(segment.bytes(2), open.control) else {
            throw segment.error("SE02 does not match ST02 (\(open.control))")
        }
        guard let count = segment.count(1) else { throw segment.error("SE01 is not a segment count") }
        guard count == open.segments else {
            let message = "SE01 says \(count) segments; the set has \(open.segments)"
            if open.enveloped { throw segment.error(message) }
            return segment.warning(message)
        }
        return nil
    }

    /// GE: closes the functional group.
    mutating func closeGroup(_ segment: X12Segment) throws(X12Error) {
        if set != nil { throw segment.error("GE inside a transaction set (SE missing)") }
        guard let open = group else { throw segment.error("GE outside a functional group (GS missing)") }
        group = nil
        interchange?.groups += 1
        guard EnvelopeTracker.sameControl(segment.bytes(2), open.control) else {
            throw segment.error("GE02 does not match GS06 (\(open.control))")
        }
        guard let count = segment.count(1) else { throw segment.error("GE01 is not a count") }
        guard count == open.sets else {
            throw segment.error("GE01 says \(count) transaction sets; the group has \(open.sets)")
        }
    }

    /// IEA: closes the interchange.
    mutating func closeInterchange(_ segment: X12Segment) throws(X12Error) {
        if set != nil { throw segment.error("IEA inside a transaction set (SE missing)") }
        if group != nil { throw segment.error("IEA inside a functional group (GE missing)") }
        guard let open = interchange else { throw segment.error("IEA outside an interchange (ISA missing)") }
        interchange = nil
        guard EnvelopeTracker.sameControl(segment.bytes(2), open.control) else {
            throw segment.error("IEA02 does not match ISA13 (\(open.control))")
        }
        guard let count = segment.count(1) else { throw segment.error("IEA01 is not a count") }
        guard count == open.groups else {
            throw segment.error("IEA01 says \(count) functional groups; the interchange has \(open.groups)")
        }
    }

    /// At the end of the input: the segment that is missing, if anything is still open.
    func missingAtEnd() -> (id: String, message: String)? {
        if let set { return ("SE", "the input ends inside transaction set \(set.control) (SE missing)") }
        if let group { return ("GE", "the input ends inside functional group \(group.control) (GE missing)") }
        if let interchange {
            return ("IEA", "the input ends inside interchange \(interchange.control) (IEA missing)")
        }
        return nil
    }

    /// Control numbers match: equal text, or both digits with the same value.
    static func sameControl(_ closing: UnsafeRawBufferPointer, _ opening: String) -> Bool {
        let text = String(decoding: closing, as: UTF8.self)
        if text == opening { return true }
        func value(_ string: String) -> Substring? {
            guard !string.isEmpty, string.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            let trimmed = string.drop { $0 == "0" }
            return trimmed
        }
        guard let left = value(text), let right = value(opening) else { return false }
        return left == right
    }
}
