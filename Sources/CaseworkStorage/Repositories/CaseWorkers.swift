import CaseworkDomain

/// Who may be given case work: an owner or a task assignee is a user of the organization whose role
/// can change cases (biller or admin), or, for owners, a team.
enum CaseWorkers {
    /// - Throws: `StorageError.invalidReference` when the organization has no such user,
    ///   `.cannotWorkCases` when the user is a viewer; both at `field`.
    static func requireUser(_ db: SQLiteConnection, organizationID: String, userID: String, field: String) throws {
        guard let row = try db.queryOne("SELECT role FROM users WHERE organization_id = ? AND id = ?",
                                        [.text(organizationID), .text(userID)]) else {
            throw StorageError.invalidReference(field: field, id: userID)
        }
        let role = row.string("role")
        guard Role(rawValue: role)?.includes(.biller) == true else {
            throw StorageError.cannotWorkCases(field: field, userID: userID, role: role)
        }
    }
}
