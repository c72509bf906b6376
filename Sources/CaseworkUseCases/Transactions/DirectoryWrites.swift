import CaseworkDomain

/// Writes of the organization's directory: users, teams, payers and patients.
public protocol DirectoryWrites {
    /// Whether a user of the organization has the (normalized) e-mail address.
    func emailTaken(organizationID: String, email: String) throws -> Bool
    /// Stores a new user, stamped created `at`.
    func insertUser(_ user: User, at: Instant) throws
    /// The organization's team `id` with its members in id order, locked against concurrent writers
    /// until the transaction ends; nil when there is none.
    func teamForChange(organizationID: String, id: String) throws -> Team?
    /// Whether another team of the organization (not `except`) is named `name`.
    func teamNameTaken(organizationID: String, name: String, except teamID: String?) throws -> Bool
    /// Stores a new team and its members, stamped created `at`.
    func insertTeam(_ team: Team, organizationID: String, at: Instant) throws
    /// Stores a team's name and, when `membersChanged`, replaces its members.
    func updateTeam(_ team: Team, organizationID: String, membersChanged: Bool) throws
    /// The organization's payer `id`, locked against concurrent writers until the transaction ends; nil when there is none.
    func payerForChange(organizationID: String, id: String) throws -> Payer?
    /// Stores a new payer, stamped created `at`; `importKey` names it in a claims fixture.
    func insertPayer(_ payer: Payer, organizationID: String, importKey: String?, at: Instant) throws
    /// Stores a payer's fields (name, electronic id, kind, timely filing and appeal days).
    func updatePayer(_ payer: Payer) throws
    /// Stores a new patient, stamped created `at`; `importKey` names it in a claims fixture.
    func insertPatient(_ patient: Patient, organizationID: String, importKey: String?, at: Instant) throws
}
