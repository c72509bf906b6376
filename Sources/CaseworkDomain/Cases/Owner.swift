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

    /// `user:<id>` or `team:<id>`, as the API's `owner` filter and the audit log write an owner
    /// (`init(reference:)` reads it back).
    public var reference: String { "\(kind):\(id)" }

    /// Parses `user:<id>` or `team:<id>`; nil otherwise.
    public init?(reference: String) {
        let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        self.init(kind: parts[0], id: parts[1])
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
