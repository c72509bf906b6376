import CaseworkDomain

/// The use cases of the organization's people: adding a user, adding and changing a team. Each runs
/// in one write transaction of `database`, at `ambient`'s time, and is audited.
public struct UserWork: Sendable {
    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Adds a user. `email` must already be normalized (see `EmailAddress`).
    /// - Parameter actorID: who adds them, for the audit log (nil: the command line).
    /// - Throws: `StorageError.duplicate` when the e-mail is taken in the organization.
    public func add(organizationID: String, name: String, email: String, role: Role, actorID: String?) throws -> User {
        try database.write { tx in
            let duplicate = StorageError.duplicate(entity: "user", field: "email", value: email)
            if try tx.emailTaken(organizationID: organizationID, email: email) { throw duplicate }
            let user = User(id: ambient.newID("usr"), organizationID: organizationID, name: name, email: email, role: role)
            let now = ambient.now()
            do { try tx.insertUser(user, at: now) } catch let error where StorageError.isUniqueViolation(error) { throw duplicate }
            try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "user", entityID: user.id,
                                               action: "create",
                                               changes: [AuditChange(field: "role", before: AuditValue.null, after: role.rawValue)],
                                               at: now))
            return user
        }
    }

    /// Creates a team with members (user ids of the organization, each kept once).
    /// - Throws: `StorageError.duplicate` for a taken name, `.invalidReference` at `/member_ids/N` for an unknown member.
    public func addTeam(organizationID: String, name: String, memberIDs: [String], actorID: String) throws -> Team {
        try database.write { tx in
            let duplicate = StorageError.duplicate(entity: "team", field: "name", value: name)
            if try tx.teamNameTaken(organizationID: organizationID, name: name, except: nil) { throw duplicate }
            let team = Team(id: ambient.newID("team"), name: name, memberIDs: try Self.members(tx, organizationID: organizationID, ids: memberIDs))
            let now = ambient.now()
            do { try tx.insertTeam(team, organizationID: organizationID, at: now) } catch let error where StorageError.isUniqueViolation(error) {
                throw duplicate
            }
            try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "team", entityID: team.id,
                                               action: "create",
                                               changes: [AuditChange(field: "member_ids", before: AuditValue.null, after: team.memberIDs)],
                                               at: now))
            return team
        }
    }

    /// Renames a team and/or replaces its members (users of the organization, each once), auditing
    /// what changed. Cases the team owns stay its own; "my open" follows the new membership at once.
    /// - Throws: `StorageError.notFound`; `.duplicate` for a name another team has;
    ///   `.invalidReference` at `/member_ids/N` for an id that is not a user of the organization.
    public func updateTeam(organizationID: String, id: String, name: String?, memberIDs: [String]?, actorID: String) throws -> Team {
        try database.write { tx in
            guard let before = try tx.teamForChange(organizationID: organizationID, id: id) else {
                throw StorageError.notFound(entity: "team", id: id)
            }
            var after = before
            if let name, name != before.name {
                if try tx.teamNameTaken(organizationID: organizationID, name: name, except: id) {
                    throw StorageError.duplicate(entity: "team", field: "name", value: name)
                }
                after.name = name
            }
            if let memberIDs { after.memberIDs = try Self.members(tx, organizationID: organizationID, ids: memberIDs).sorted() }
            let membersChanged = Set(after.memberIDs) != Set(before.memberIDs)
            var changes: [AuditChange] = []
            changes.note("name", before.name, after.name)
            if membersChanged { changes.append(AuditChange(field: "member_ids", before: before.memberIDs, after: after.memberIDs)) }
            guard !changes.isEmpty else { return before }
            try tx.updateTeam(after, organizationID: organizationID, membersChanged: membersChanged)
            try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "team", entityID: id,
                                               action: "update", changes: changes, at: ambient.now()))
            return after
        }
    }

    /// `ids` without repeats, in the order given, each checked to be a user of the organization.
    /// - Throws: `StorageError.invalidReference` at `/member_ids/N` for one that is not.
    static func members(_ tx: any ReadTransaction, organizationID: String, ids: [String]) throws -> [String] {
        var members: [String] = []
        for (index, member) in ids.enumerated() where !members.contains(member) {
            guard try tx.userRole(organizationID: organizationID, userID: member) != nil else {
                throw StorageError.invalidReference(field: "/member_ids/\(index)", id: member)
            }
            members.append(member)
        }
        return members
    }
}
