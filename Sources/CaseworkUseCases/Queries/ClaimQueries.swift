import CaseworkDomain

/// Reads of the organization's claims for the API.
public protocol ClaimQueries {
    /// The claim `id` with its submissions and active case; nil when there is none.
    func get(organizationID: String, id: String) throws -> ClaimRecord?
    /// The claim `id` with its remittances, denial and deadlines; nil when there is none.
    func detail(organizationID: String, id: String) throws -> ClaimDetail?
    /// One page of the claims `filter` selects, in claim id order.
    /// - Throws: `PageError.invalidCursor`.
    func list(organizationID: String, filter: ClaimFilter, page: PageRequest) throws -> Page<ClaimRecord>
    /// The claim's submissions in sequence order.
    /// - Throws: `StorageError.notFound` for an unknown claim.
    func submissions(organizationID: String, claimID: String) throws -> [Submission]
}

/// Reads of the organization's posted 835 payments for the API.
public protocol RemittanceQueries {
    /// One page of the posted payments `filter` selects.
    /// - Throws: `PageError.invalidCursor`.
    func list(organizationID: String, filter: RemittanceFilter, page: PageRequest) throws -> Page<RemittancePaymentRecord>
    /// The payment `id` with its claims, provider adjustments and imbalances; nil when there is none.
    func detail(organizationID: String, id: String) throws -> RemittanceDetail?
}
