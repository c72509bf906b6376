/// Claim frequency type code of a submission (X12 837 CLM05-3).
public enum FrequencyCode: String, Sendable, Hashable, CaseIterable {
    /// Original claim.
    case original = "1"
    /// Replacement of a prior claim (corrected claim).
    case replacement = "7"
    /// Void/cancel of a prior claim.
    case void = "8"
}
