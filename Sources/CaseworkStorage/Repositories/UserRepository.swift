import CaseworkDomain
import CaseworkUseCases

/// Users and teams of an organization.
public struct UserRepository: Sendable {
    let database: any SQLDatabase

    /// Adds a user. `email` must already be normalized (see `EmailAddress`).
    /// - Throws: `StorageError.duplicate` when the e-mail is taken in the organization.
    public func add(organizationID: String, name: String, email: String, role: Role, actorID: String?) throws -> User {
        try database.write { db in
            if try db.queryOne("SELECT 1 AS found FROM users WHERE organization_id = ? AND email = ?",
                               [.text(organizationID), .text(email)]) != nil {
                throw StorageError.duplicate(entity: "user", field: "email", value: email)
            }
            let user = User(id: Identifier.make("usr"), organizationID: organizationID, name: name, email: email, role: role)
            let now = Instant.now().description
            try db.execute("INSERT INTO users (id, organization_id, name, email, role, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           [.text(user.id), .text(organizationID), .text(name), .text(email), .text(role.rawValue), .text(now)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "user", entityID: user.id,
                                action: "create", changes: [.init(field: "role", before: AuditChange.value(nil), after: role.rawValue)], at: now)
            return user
        }
    }

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
            try page.keyed(column: "id", key: { (u: User) in u.id }) { clause, bindings, limit in
                try db.query("SELECT * FROM users WHERE organization_id = ?\(clause) ORDER BY id LIMIT ?",
                             [.text(organizationID)] + bindings + [.integer(Int64(limit))]).map(Self.user)
            }
        }
    }

    /// Creates a team with members (user ids of the organization).
    /// - Throws: `StorageError.duplicate` for a taken name, `.invalidReference` for an unknown member.
    public func addTeam(organizationID: String, name: String, memberIDs: [String], actorID: String) throws -> Team {
        try database.write { db in
            if try db.queryOne("SELECT 1 AS found FROM teams WHERE organization_id = ? AND name = ?",
                               [.text(organizationID), .text(name)]) != nil {
                throw StorageError.duplicate(entity: "team", field: "name", value: name)
            }
            let members = try Self.members(db, organizationID: organizationID, ids: memberIDs)
            let team = Team(id: Identifier.make("team"), name: name, memberIDs: members)
            let now = Instant.now().description
            try db.execute("INSERT INTO teams (id, organization_id, name, created_at) VALUES (?, ?, ?, ?)",
                           [.text(team.id), .text(organizationID), .text(name), .text(now)])
            for member in members {
                try db.execute("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)", [.text(team.id), .text(member)])
            }
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "team", entityID: team.id,
                                action: "create", changes: [.init(field: "member_ids", before: AuditChange.value(nil), after: members)], at: now)
            return team
        }
    }

    /// The team with `id`, or nil.
    public func team(organizationID: String, id: String) throws -> Team? {
        try database.read { db in try Self.team(db, organizationID: organizationID, id: id) }
    }

    /// Teams ordered by id, a page at a time.
    public func listTeams(organizationID: String, page: PageRequest) throws -> Page<Team> {
        try database.read { db in
            try page.keyed(column: "id", key: { (t: Team) in t.id }) { clause, bindings, limit in
                try db.query("SELECT id FROM teams WHERE organization_id = ?\(clause) ORDER BY id LIMIT ?",
                             [.text(organizationID)] + bindings + [.integer(Int64(limit))])
                    .compactMap { try Self.team(db, organizationID: organizationID, id: $0.string("id")) }
            }
        }
    }

    /// `ids` without repeats, each checked to be a user of the organization.
    /// - Throws: `StorageError.invalidReference` at `/member_ids/N` for one that is not.
    static func members(_ db: any SQLExecutor, organizationID: String, ids: [String]) throws -> [String] {
        var members: [String] = []
        for (index, member) in ids.enumerated() where !members.contains(member) {
            guard try db.queryOne("SELECT 1 AS found FROM users WHERE organization_id = ? AND id = ?",
                                  [.text(organizationID), .text(member)]) != nil else {
                throw StorageError.invalidReference(field: "/member_ids/\(index)", id: member)
            }
            members.append(member)
        }
        return members
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
