import CaseworkDomain

/// One row of the CARC → subject table: the code, its subject, and whether the organization set it.
public struct DenialCategoryEntry: Sendable, Hashable {
    public var carcCode: String
    public var subject: String
    /// False for a seed entry the organization has not changed.
    public var customized: Bool

    public init(carcCode: String, subject: String, customized: Bool) {
        self.carcCode = carcCode; self.subject = subject; self.customized = customized
    }
}
