import CaseworkDomain

/// Reads of the organization's users and teams for the API.
public protocol UserQueries {
    /// The user `id`; nil when the organization has none.
    func get(organizationID: String, id: String) throws -> User?
    /// One page of users in id order. - Throws: `PageError.invalidCursor`.
    func list(organizationID: String, page: PageRequest) throws -> Page<User>
    /// The team `id` with its members; nil when there is none.
    func team(organizationID: String, id: String) throws -> Team?
    /// One page of teams in id order. - Throws: `PageError.invalidCursor`.
    func listTeams(organizationID: String, page: PageRequest) throws -> Page<Team>
}

/// Reads of the organization's payers for the API.
public protocol PayerQueries {
    /// The payer `id`; nil when there is none.
    func get(organizationID: String, id: String) throws -> Payer?
    /// One page of payers in id order. - Throws: `PageError.invalidCursor`.
    func list(organizationID: String, page: PageRequest) throws -> Page<Payer>
}

/// Reads of the organization's patients for the API (callers audit them: `AuditQueries`).
public protocol PatientQueries {
    /// The patient `id`; nil when there is none.
    func get(organizationID: String, id: String) throws -> Patient?
    /// One page of patients in id order. - Throws: `PageError.invalidCursor`.
    func list(organizationID: String, page: PageRequest) throws -> Page<Patient>
}

/// Who holds a token, and the caller's own tokens.
public protocol TokenQueries {
    /// The caller a bearer token stands for; nil when it is unknown or revoked.
    func authenticate(token: String) throws -> Caller?
    /// The caller's tokens (never their secrets).
    func list(caller: Caller) throws -> [TokenRecord]
}
