/// A claim adjustment reason code with its group, written `GROUP-CODE` (e.g. `CO-16`, `OA-18`, `PR-1`).
///
/// Source: X12 835 CAS segment (CAS01 group, CAS02 reason code); code list maintained by X12
/// ("Claim Adjustment Reason Codes"). The code is 1–5 ASCII letters or digits.
public struct CARC: Sendable, Hashable, Comparable, LosslessStringConvertible {
    public let group: AdjustmentGroup
    /// The reason code, upper-cased, e.g. `16`, `A1`, `P2`.
    public let code: String

    /// Builds a CARC from its parts; nil when `code` is not 1–5 letters or digits.
    public init?(group: AdjustmentGroup, code: String) {
        guard (1...5).contains(code.utf8.count),
              code.utf8.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }) else { return nil }
        let upper = code.uppercased()
        self.group = group
        self.code = upper
    }

    /// Parses `GROUP-CODE` (case-insensitive, e.g. `co-16`); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.allSatisfy({ (65...90).contains($0) || (97...122).contains($0) }),
              let group = AdjustmentGroup(rawValue: parts[0].uppercased()) else { return nil }
        self.init(group: group, code: String(parts[1]))
    }

    /// `GROUP-CODE`, e.g. `CO-16`.
    public var description: String { "\(group.rawValue)-\(code)" }

    public static func < (l: CARC, r: CARC) -> Bool { l.description < r.description }

    /// Contractual write-downs to the fee schedule (CO-45, CO-42, CO-A2, CO-131, CO-253):
    /// expected amounts are billed minus these, and they never signal a denial.
    public var isContractual: Bool {
        group == .contractualObligation && ["45", "42", "A2", "131", "253"].contains(code)
    }
}
