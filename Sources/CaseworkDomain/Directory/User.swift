/// A person who works cases in an organization.
public struct User: Sendable, Hashable {
    public var id: String
    public var organizationID: String
    public var name: String
    /// Unique per organization, stored lower-cased.
    public var email: String
    public var role: Role

    public init(id: String, organizationID: String, name: String, email: String, role: Role) {
        self.id = id; self.organizationID = organizationID; self.name = name; self.email = email; self.role = role
    }
}

/// What a user may do: `admin` manages the organization, `biller` works cases and claims, `viewer` reads.
public enum Role: String, Sendable, Hashable, CaseIterable {
    case admin, biller, viewer

    /// Whether this role may do what `required` may: admin ⊇ biller ⊇ viewer.
    public func includes(_ required: Role) -> Bool { rank >= required.rank }

    private var rank: Int {
        switch self { case .viewer: 0; case .biller: 1; case .admin: 2 }
    }
}
