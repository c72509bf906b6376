/// Why an X12 input could not be read: the file is damaged or is not an 835.
///
/// Positions count from the start of the whole stream, across every `feed`:
/// - `segmentNumber`: 1-based count of segments read, the faulty one included (ISA, or the
///   first ST of a file without envelope, is 1); 0 when the fault precedes every segment
///   (e.g. empty input). For an input that ends too early it is the number of the segment
///   that is missing (the count read + 1).
/// - `byteOffset`: offset of the segment's first byte (after padding) in the input; a
///   leading UTF-8 byte-order mark is counted. For a missing segment, the input's length.
/// - `segmentID`: the segment's id (e.g. "CLP"), the missing segment's id, or "" when unknown.
/// - `message`: human readable; never quotes patient data (names, member ids), only element
///   positions (e.g. "CLP04 is not a decimal amount") and codes.
public struct X12Error: Error, Sendable, Equatable, X12Located {
    public var segmentNumber: Int
    public var byteOffset: Int
    public var segmentID: String
    public var message: String

    /// Creates an error at a segment; see the type's documentation for each field's meaning.
    public init(segmentNumber: Int, byteOffset: Int, segmentID: String, message: String) {
        self.segmentNumber = segmentNumber
        self.byteOffset = byteOffset
        self.segmentID = segmentID
        self.message = message
    }
}

/// Something odd the reader tolerated: the input was read, but a person should know.
///
/// Same positions as `X12Error` (1-based segment number, byte offset of the segment's first
/// byte, segment id or ""). Messages never quote patient data. Raised for: a file without
/// ISA/GS envelope ("no interchange envelope"); an SE01 segment count that disagrees in such
/// a file; a CLP that stops after CLP02 (amounts read as 0); a last segment (IEA) without a
/// segment terminator.
public struct X12Warning: Sendable, Equatable, X12Located {
    public var segmentNumber: Int
    public var byteOffset: Int
    public var segmentID: String
    public var message: String

    /// Creates a warning at a segment; see the type's documentation for each field's meaning.
    public init(segmentNumber: Int, byteOffset: Int, segmentID: String, message: String) {
        self.segmentNumber = segmentNumber
        self.byteOffset = byteOffset
        self.segmentID = segmentID
        self.message = message
    }
}

/// What errors and warnings share: where in the input (segment number, byte offset, segment id)
/// and what; written as one line.
public protocol X12Located: CustomStringConvertible {
    var segmentNumber: Int { get }
    var byteOffset: Int { get }
    var segmentID: String { get }
    var message: String { get }
}

extension X12Located {
    /// "segment S (byte B, ID): message", the ID left out when unknown.
    public var description: String {
        let id = segmentID.isEmpty ? "" : ", \(segmentID)"
        return "segment \(segmentNumber) (byte \(byteOffset)\(id)): \(message)"
    }
}
