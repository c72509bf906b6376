/// Where an active case is in its work: new → in progress → awaiting payment.
/// An active case may move freely among the three.
public enum Stage: String, Sendable, Hashable, CaseIterable {
    case new
    case inProgress = "in_progress"
    case awaitingPayment = "awaiting_payment"
}
