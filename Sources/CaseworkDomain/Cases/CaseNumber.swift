/// The human-friendly case number, `CASE-` and at least six digits (`CASE-000123`),
/// unique per organization and assigned in sequence.
public struct CaseNumber: Sendable, Hashable, CustomStringConvertible {
    /// The sequence number within the organization, from 1.
    public let sequence: Int

    public init(sequence: Int) { self.sequence = sequence }

    /// Reads `CASE-000123`, `case-123` or `123` (what a person types when looking a case up); nil otherwise.
    public init?(_ text: String) {
        var digits = Substring(text)
        while digits.first == " " { digits.removeFirst() }
        while digits.last == " " { digits.removeLast() }
        if digits.uppercased().hasPrefix("CASE-") { digits = digits.dropFirst(5) }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ ("0"..."9").contains($0) }),
              let sequence = Int(digits), sequence >= 1 else {
            return nil
        }
        self.sequence = sequence
    }

    /// `CASE-` followed by the sequence zero-padded to six digits.
    public var description: String {
        let digits = String(sequence)
        return "CASE-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
