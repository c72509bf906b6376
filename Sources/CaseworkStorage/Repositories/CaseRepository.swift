import CaseworkDomain
import CaseworkUseCases

/// Reads of cases. Changes go through `CaseWork` (CaseworkUseCases); rule 1 (one active case per
/// claim) is kept by the `one_active_case_per_claim` partial unique index.
public struct CaseRepository: Sendable {
    let database: any SQLDatabase

    /// The case `id` of the organization, or nil.
    public func get(organizationID: String, id: String) throws -> CaseRecord? {
        try database.read { db in try Self.record(db, organizationID: organizationID, id: id) }
    }
}
