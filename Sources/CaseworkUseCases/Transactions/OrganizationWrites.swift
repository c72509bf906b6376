import CaseworkDomain

/// Writes of organizations: their settings, subject lists and denial categories.
public protocol OrganizationWrites {
    /// Makes the rest of this transaction the organization's only writer, for work that reads what it
    /// is about to write (an import checks what is already there).
    func lockOrganization(organizationID: String) throws
    /// Whether an organization is named `name`.
    func organizationNameTaken(_ name: String) throws -> Bool
    /// Stores a new organization with `subjects` as its subject list, stamped created `at`.
    func insertOrganization(id: String, name: String, subjects: [String], at: Instant) throws
    /// The position after the last subject of the organization's list (0 when empty).
    func nextSubjectPosition(organizationID: String) throws -> Int
    /// Stores a subject at `position` of the organization's list.
    func insertSubject(organizationID: String, name: String, position: Int) throws
    /// The organization's settings, its row locked against concurrent writers until the transaction
    /// ends; nil when there is no such organization.
    func settingsForChange(organizationID: String) throws -> OrganizationSettings?
    /// Stores the organization's settings.
    func updateSettings(_ settings: OrganizationSettings, organizationID: String) throws
    /// Stores the organization's subject for reason code `carcCode`, stamped `at`.
    func saveDenialCategory(organizationID: String, carcCode: String, subject: String, at: Instant) throws
}
