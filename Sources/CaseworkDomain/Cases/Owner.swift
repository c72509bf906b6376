/// Who owns a case: one user or a team (by opaque id).
public enum Owner: Sendable, Hashable {
    case user(String)
    case team(String)

    /// The kind as written in the API and storage: `user` or `team`.
    public var kind: String {
        switch self { case .user: "user"; case .team: "team" }
    }

    /// The owner's opaque id.
    public var id: String {
        switch self { case .user(let id), .team(let id): id }
    }

    /// Builds an owner from `kind` (`user` | `team`) and `id`; nil for another kind.
    public init?(kind: String, id: String) {
        switch kind {
        case "user": self = .user(id)
        case "team": self = .team(id)
        default: return nil
        }
    }
}
