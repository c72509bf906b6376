/// A biller's correction of what a claim should bring in: the expected (allowed) amount and the
/// write-off. Outstanding (expected − paid − cost share − write-off) and the totals of the claim's
/// cases follow; what the payer paid and the denial's CARCs stay as the payer answered.
public struct ClaimCorrection: Sendable, Hashable {
    /// The new expected amount, in cents; nil keeps it.
    public var expected: Cents?
    /// The new write-off, in cents; nil keeps it.
    public var writeOff: Cents?

    public init(expected: Cents? = nil, writeOff: Cents? = nil) {
        self.expected = expected; self.writeOff = writeOff
    }

    /// `amounts` with the correction applied.
    /// - Throws: `ClaimCorrectionError` listing every problem: an expected amount below 0 or above
    ///   what was billed; a write-off (given, or kept) below 0 or above what remains to collect with
    ///   the new expected amount (expected − paid − cost share, at least 0).
    public func applied(to amounts: ClaimAmounts) throws(ClaimCorrectionError) -> ClaimAmounts {
        var after = amounts
        var problems: [ClaimCorrectionError.Problem] = []
        if let expected {
            if expected.amount < 0 || expected > amounts.billed {
                problems.append(.init(member: "expected_cents", detail: "Use 0 to the billed amount (\(amounts.billed.amount) cents)."))
            } else {
                after.expected = expected
            }
        }
        let remaining = max(0, after.expected.amount - after.paid.amount - after.costShare.amount)
        if let writeOff {
            if writeOff.amount < 0 || writeOff.amount > remaining {
                problems.append(.init(member: "write_off_cents",
                                      detail: "Use 0 to what remains to collect (expected − paid − cost share = \(remaining) cents)."))
            } else {
                after.writeOff = writeOff
            }
        } else if after.writeOff.amount > remaining, problems.isEmpty {
            problems.append(.init(member: "write_off_cents", detail: "The claim's write-off (\(after.writeOff.amount) cents) would exceed "
                                  + "what remains to collect (\(remaining) cents): send a write_off_cents with the expected amount."))
        }
        guard problems.isEmpty else { throw ClaimCorrectionError(problems: problems) }
        return after
    }
}

/// Why a claim correction was refused: each member at fault with what would be accepted.
public struct ClaimCorrectionError: Error, Sendable, Hashable {
    public struct Problem: Sendable, Hashable {
        /// The request member (`expected_cents`, `write_off_cents`).
        public var member: String
        public var detail: String
    }
    public var problems: [Problem]
}
