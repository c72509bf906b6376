import CaseworkDomain

/// Reads of case timelines and open work for the API.
public protocol ActivityQueries {
    /// The activity `id` of the organization; nil when there is none.
    func get(organizationID: String, id: String) throws -> Activity?
    /// One page of case `caseID`'s timeline, newest first.
    /// - Throws: `PageError.invalidCursor`; `StorageError.notFound` for an unknown case.
    func timeline(organizationID: String, caseID: String, page: PageRequest) throws -> Page<Activity>
    /// One page of open tasks and scheduled appointments `query` selects, soonest due first.
    /// - Throws: `PageError.invalidCursor`.
    func openWork(organizationID: String, query: OpenWorkQuery, page: PageRequest) throws -> Page<OpenWorkItem>
}

/// The audit log: its events, and reads of patient data recorded off the request path.
public protocol AuditQueries {
    /// One page of the organization's audit events `filter` selects, newest first.
    /// - Throws: `PageError.invalidCursor`.
    func events(organizationID: String, filter: AuditFilter, page: PageRequest) throws -> Page<AuditEvent>
    /// One page of case `caseID`'s audit events, newest first.
    /// - Throws: `PageError.invalidCursor`; `StorageError.notFound` for an unknown case.
    func caseHistory(organizationID: String, caseID: String, page: PageRequest) throws -> Page<AuditEvent>
    /// Records that the actor read these patients' data (queued, written shortly after).
    func recordPatientReads(organizationID: String, actorID: String, patientIDs: [String])
    /// Records one bulk read (a list or an export) of `rows` rows selected by `filter`.
    func recordBulkPatientRead(organizationID: String, actorID: String, action: String, filter: String, rows: Int)
}
