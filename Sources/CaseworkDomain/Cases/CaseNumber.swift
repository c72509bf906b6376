/// The human-friendly case number, `CASE-` and at least six digits (`CASE-000123`),
/// unique per organization and assigned in sequence.
public struct CaseNumber: Sendable, Hashable, CustomStringConvertible {
    /// The sequence number within the organization, from 1.
    public let sequence: Int

    public init(sequence: Int) { self.sequence = sequence }

    /// `CASE-` followed by the sequence zero-padded to six digits.
    public var description: String {
        let digits = String(sequence)
        return "CASE-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
