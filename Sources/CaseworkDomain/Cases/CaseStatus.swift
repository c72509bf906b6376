/// Whether a case is still worked (`active`) or closed (`resolved`, `canceled`).
public enum CaseStatus: String, Sendable, Hashable, CaseIterable {
    case active, resolved, canceled
}
