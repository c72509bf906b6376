import CaseworkDomain

/// Filters of the claim list; nil members do not filter.
public struct ClaimFilter: Sendable {
    public var claimNumber: String?
    public var payerID: String?
    public var patientID: String?
    public var hasActiveCase: Bool?
    public var denied: Bool?
    /// Free text: part of the claim number, of a payer claim number, or of the patient's name.
    public var search: String?

    public init(claimNumber: String? = nil, payerID: String? = nil, patientID: String? = nil,
                hasActiveCase: Bool? = nil, denied: Bool? = nil, search: String? = nil) {
        self.claimNumber = claimNumber; self.payerID = payerID; self.patientID = patientID
        self.hasActiveCase = hasActiveCase; self.denied = denied; self.search = search
    }
}
