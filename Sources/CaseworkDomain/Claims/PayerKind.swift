/// The kind of insurer a payer is.
public enum PayerKind: String, Sendable, Hashable, CaseIterable {
    case commercial, medicare, medicaid, other
}
