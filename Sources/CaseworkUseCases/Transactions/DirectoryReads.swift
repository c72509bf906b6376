import CaseworkDomain

/// Reads of the organization's directory and settings that case work checks against.
public protocol DirectoryReads {
    /// Whether the organization's subject list holds `subject`.
    func subjectExists(organizationID: String, subject: String) throws -> Bool
    /// The role of the organization's user `userID`, or nil when it has none.
    func userRole(organizationID: String, userID: String) throws -> Role?
    /// Whether the organization has the team `teamID`.
    func teamExists(organizationID: String, teamID: String) throws -> Bool
    /// Whether the organization has the payer `payerID` (Casework's id, `pay_…`).
    func payerExists(organizationID: String, payerID: String) throws -> Bool
    /// Whether the organization has the patient `patientID`.
    func patientExists(organizationID: String, patientID: String) throws -> Bool
    /// The id of the organization's payer imported under `importKey` (a claims fixture's key), or nil.
    func payerID(organizationID: String, importKey: String) throws -> String?
    /// The id of the organization's patient imported under `importKey`, or nil.
    func patientID(organizationID: String, importKey: String) throws -> String?
    /// The payer's name, or nil.
    func payerName(payerID: String) throws -> String?
    /// The organization's work rules in the order they are tried.
    func workRules(organizationID: String) throws -> [WorkRule]
}
