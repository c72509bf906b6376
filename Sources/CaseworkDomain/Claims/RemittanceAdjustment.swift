/// One CAS adjustment of a remittance: group, reason code and amount (X12 835 CAS).
public struct RemittanceAdjustment: Sendable, Hashable {
    /// Whether the adjustment was reported for the whole claim or one service line.
    public enum Level: String, Sendable, Hashable { case claim, line }

    public var carc: CARC
    public var amount: Cents
    public var level: Level

    public init(carc: CARC, amount: Cents, level: Level) {
        self.carc = carc; self.amount = amount; self.level = level
    }
}
