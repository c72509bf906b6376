import CaseworkDomain
import CaseworkUseCases

/// Reads of organizations (tenants) and their subject lists (changes are `OrganizationWork`'s, in CaseworkUseCases).
public struct OrganizationRepository: Sendable {
    let database: any SQLDatabase

    /// The id of the organization named `name`, or nil.
    public func id(named name: String) throws -> String? {
        try database.read { db in try db.queryOne("SELECT id FROM organizations WHERE name = ?", [.text(name)])?.string("id") }
    }

    /// The organization's subjects in display order.
    public func subjects(organizationID: String) throws -> [String] {
        try database.read { db in
            try db.query("SELECT name FROM subjects WHERE organization_id = ? ORDER BY position, name", [.text(organizationID)])
                .map { $0.string("name") }
        }
    }
}
