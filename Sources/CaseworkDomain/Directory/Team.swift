/// A group of users that can own cases together.
public struct Team: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Member user ids.
    public var memberIDs: [String]

    public init(id: String, name: String, memberIDs: [String]) {
        self.id = id; self.name = name; self.memberIDs = memberIDs
    }
}
