import CaseworkDomain

/// Reads of the organization's settings, subjects, data version and work configuration for the API.
public protocol OrganizationQueries {
    /// The version of the organization's data: moves with every committed write (cache validators).
    func dataVersion(organizationID: String) throws -> Int
    /// The organization's settings.
    func settings(organizationID: String) throws -> OrganizationSettings
    /// The organization's case subjects in their order.
    func subjects(organizationID: String) throws -> [String]
}

/// Reads of the organization's work rules.
public protocol WorkRuleQueries {
    /// Every rule in the order they are tried.
    func list(organizationID: String) throws -> [WorkRule]
    /// The rule `id`; nil when there is none.
    func get(organizationID: String, id: String) throws -> WorkRule?
}

/// Reads of the organization's CARC → subject table.
public protocol DenialCategoryQueries {
    /// Every entry, the organization's own over the shipped ones, in CARC order.
    func list(organizationID: String) throws -> [DenialCategoryEntry]
}

/// Reads of the code lists (CARC, RARC).
public protocol CodeQueries {
    /// The list of `kind`: when it was loaded and every entry.
    func list(_ kind: CodeListKind) throws -> (summary: CodeListSummary?, entries: [CodeEntry])
    /// The entries of these codes (upper-cased keys); codes the list lacks are absent.
    func entries(_ kind: CodeListKind, codes: some Collection<String>) throws -> [String: CodeEntry]
    /// Whether each code is current, not yet valid or retired on `day`, or unknown.
    func standing(_ kind: CodeListKind, codes: [String], on day: Day) throws -> [String: CodeStanding]
}
