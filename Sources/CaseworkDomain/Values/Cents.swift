/// An amount of money in integer US cents. Never floating point.
///
/// Negative amounts are meaningful: a reversal in an X12 835 (CLP status 22) or an
/// overpaid claim's outstanding balance.
public struct Cents: Sendable, Hashable, Comparable, AdditiveArithmetic, CustomStringConvertible {
    /// The amount in cents, e.g. `12_345` for $123.45.
    public var amount: Int

    /// Wraps `amount` cents.
    public init(_ amount: Int) { self.amount = amount }

    public static let zero = Cents(0)
    public static func + (l: Cents, r: Cents) -> Cents { Cents(l.amount + r.amount) }
    public static func - (l: Cents, r: Cents) -> Cents { Cents(l.amount - r.amount) }
    public static func < (l: Cents, r: Cents) -> Bool { l.amount < r.amount }
    public var description: String { "\(amount)¢" }
}

extension Sequence where Element == Cents {
    /// The sum of the amounts; `.zero` for an empty sequence.
    public func sum() -> Cents { reduce(.zero, +) }
}
