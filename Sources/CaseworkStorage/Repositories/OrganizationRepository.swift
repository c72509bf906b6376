import CaseworkDomain
import CaseworkUseCases

/// Organizations (tenants) and their subject lists.
public struct OrganizationRepository: Sendable {
    let database: any SQLDatabase

    /// Creates an organization named `name` with the default subject list; returns its id.
    /// - Throws: `StorageError.duplicate` when the name is taken.
    public func create(name: String) throws -> String {
        try database.write { db in
            if try db.queryOne("SELECT id FROM organizations WHERE name = ?", [.text(name)]) != nil {
                throw StorageError.duplicate(entity: "organization", field: "name", value: name)
            }
            let id = Identifier.make("org")
            let now = Instant.now().description
            try db.execute("INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)", [.text(id), .text(name), .text(now)])
            for (position, subject) in Subject.defaults.enumerated() {
                try db.execute("INSERT INTO subjects (organization_id, name, position) VALUES (?, ?, ?)",
                               [.text(id), .text(subject), .integer(Int64(position))])
            }
            try AuditLog.record(db, organizationID: id, actorID: nil, entityType: "organization", entityID: id,
                                action: "create", changes: [.init(field: "name", before: AuditChange.value(nil), after: name)], at: now)
            return id
        }
    }

    /// The id of the organization named `name`, or nil.
    public func id(named name: String) throws -> String? {
        try database.read { db in try db.queryOne("SELECT id FROM organizations WHERE name = ?", [.text(name)])?.string("id") }
    }

    /// Adds a subject at the end of the organization's list.
    /// - Throws: `StorageError.duplicate` when the list has it already.
    public func addSubject(organizationID: String, name: String, actorID: String) throws {
        try database.write { db in
            if try db.queryOne("SELECT 1 AS found FROM subjects WHERE organization_id = ? AND name = ?",
                               [.text(organizationID), .text(name)]) != nil {
                throw StorageError.duplicate(entity: "subject", field: "name", value: name)
            }
            let position = try db.queryOne("SELECT COALESCE(MAX(position), -1) + 1 AS next FROM subjects WHERE organization_id = ?",
                                           [.text(organizationID)])?.int("next") ?? 0
            try db.execute("INSERT INTO subjects (organization_id, name, position) VALUES (?, ?, ?)",
                           [.text(organizationID), .text(name), SQLValue(position)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "subject", entityID: name,
                                action: "create", changes: [.init(field: "name", before: AuditChange.value(nil), after: name)],
                                at: Instant.now().description)
        }
    }

    /// The organization's subjects in display order.
    public func subjects(organizationID: String) throws -> [String] {
        try database.read { db in
            try db.query("SELECT name FROM subjects WHERE organization_id = ? ORDER BY position, name", [.text(organizationID)])
                .map { $0.string("name") }
        }
    }
}
