import CaseworkDomain
import CaseworkUseCases

/// Reads of an organization's users and teams (changes are `UserWork`'s, in CaseworkUseCases).
public struct UserRepository: Sendable {
    let database: any SQLDatabase

    /// The user with `id` in the organization, or nil.
    public func get(organizationID: String, id: String) throws -> User? {
        try database.read { db in
            try db.queryOne("SELECT * FROM users WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(id)]).map(Self.user)
        }
    }

    /// The user with `email` (normalized) in the organization, or nil.
    public func find(organizationID: String, email: String) throws -> User? {
        try database.read { db in
            try db.queryOne("SELECT * FROM users WHERE organization_id = ? AND email = ?", [.text(organizationID), .text(email)]).map(Self.user)
        }
    }

    /// Users ordered by id, a page at a time.
    public func list(organizationID: String, page: PageRequest) throws -> Page<User> {
        try database.read { db in
            try page.keyed(list: "users", column: "id", key: { (u: User) in u.id }) { clause, bindings, limit in
                try db.query("SELECT * FROM users WHERE organization_id = ?\(clause) ORDER BY id LIMIT ?",
                             [.text(organizationID)] + bindings + [.integer(Int64(limit))]).map(Self.user)
            }
        }
    }

    /// The team with `id`, or nil.
    public func team(organizationID: String, id: String) throws -> Team? {
        try database.read { db in try Self.team(db, organizationID: organizationID, id: id) }
    }

    /// Teams ordered by id, a page at a time.
    public func listTeams(organizationID: String, page: PageRequest) throws -> Page<Team> {
        try database.read { db in
            try page.keyed(list: "teams", column: "id", key: { (t: Team) in t.id }) { clause, bindings, limit in
                try db.query("SELECT id FROM teams WHERE organization_id = ?\(clause) ORDER BY id LIMIT ?",
                             [.text(organizationID)] + bindings + [.integer(Int64(limit))])
                    .compactMap { try Self.team(db, organizationID: organizationID, id: $0.string("id")) }
            }
        }
    }

    static func team(_ db: any SQLExecutor, organizationID: String, id: String) throws -> Team? {
        guard let row = try db.queryOne("SELECT id, name FROM teams WHERE organization_id = ? AND id = ?",
                                        [.text(organizationID), .text(id)]) else { return nil }
        let members = try db.query("SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id", [.text(id)])
            .map { $0.string("user_id") }
        return Team(id: row.string("id"), name: row.string("name"), memberIDs: members)
    }

    static func user(_ row: SQLRow) -> User {
        User(id: row.string("id"), organizationID: row.string("organization_id"), name: row.string("name"),
             email: row.string("email"), role: Role(rawValue: row.string("role")) ?? .viewer)
    }
}
