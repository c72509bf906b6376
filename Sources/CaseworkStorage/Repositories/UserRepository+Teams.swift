import CaseworkDomain
import CaseworkUseCases

extension UserRepository {
    /// Renames a team and/or replaces its members (users of the organization, each once), auditing
    /// what changed. Cases the team owns stay its own; "my open" follows the new membership at once.
    /// - Throws: `StorageError.notFound`; `.duplicate` for a name another team has;
    ///   `.invalidReference` at `/member_ids/N` for an id that is not a user of the organization.
    public func updateTeam(organizationID: String, id: String, name: String?, memberIDs: [String]?, actorID: String) throws -> Team {
        try database.write { db in
            guard let before = try Self.team(db, organizationID: organizationID, id: id) else {
                throw StorageError.notFound(entity: "team", id: id)
            }
            var after = before
            if let name, name != before.name {
                if try db.queryOne("SELECT 1 AS found FROM teams WHERE organization_id = ? AND name = ? AND id <> ?",
                                   [.text(organizationID), .text(name), .text(id)]) != nil {
                    throw StorageError.duplicate(entity: "team", field: "name", value: name)
                }
                after.name = name
            }
            if let memberIDs { after.memberIDs = try Self.members(db, organizationID: organizationID, ids: memberIDs) }
            let membersChanged = Set(after.memberIDs) != Set(before.memberIDs)
            var changes: [AuditChange] = []
            if after.name != before.name { changes.append(.init(field: "name", before: before.name, after: after.name)) }
            if membersChanged {
                changes.append(.init(field: "member_ids", before: before.memberIDs.sorted(), after: after.memberIDs.sorted()))
            }
            guard !changes.isEmpty else { return before }
            // Also when only the members change: the team row's update moves the organization's data
            // version, so cached "my open" views are recomputed.
            try db.execute("UPDATE teams SET name = ? WHERE id = ?", [.text(after.name), .text(id)])
            if membersChanged {
                try db.execute("DELETE FROM team_members WHERE team_id = ?", [.text(id)])
                for member in after.memberIDs {
                    try db.execute("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)", [.text(id), .text(member)])
                }
            }
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "team", entityID: id,
                                action: "update", changes: changes, at: Instant.now().description)
            after.memberIDs.sort()   // in id order, as a team is always read
            return after
        }
    }
}
