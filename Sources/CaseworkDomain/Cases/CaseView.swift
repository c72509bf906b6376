/// The six saved views over cases (DESIGN §4).
public enum CaseView: String, Sendable, Hashable, CaseIterable {
    /// Every case.
    case all
    /// Status active, any stage.
    case open
    /// Active and owned by the caller or a team the caller belongs to.
    case myOpen = "my_open"
    /// Active, stage in progress.
    case inProgress = "in_progress"
    /// Active, stage awaiting payment.
    case awaitingPayment = "awaiting_payment"
    /// Status resolved.
    case resolved

    /// The status a member must have, or nil for any.
    public var requiredStatus: CaseStatus? {
        switch self {
        case .all: nil
        case .open, .myOpen, .inProgress, .awaitingPayment: .active
        case .resolved: .resolved
        }
    }

    /// The stage a member must be in, or nil for any.
    public var requiredStage: Stage? {
        switch self {
        case .inProgress: .inProgress
        case .awaitingPayment: .awaitingPayment
        default: nil
        }
    }

    /// Whether membership also needs the caller to own the case (directly or through a team).
    public var requiresCallerOwnership: Bool { self == .myOpen }
}
