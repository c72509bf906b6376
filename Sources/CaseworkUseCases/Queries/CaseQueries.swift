import CaseworkDomain

/// Reads of the organization's cases for the API: one case, work lists and their counts, the cases
/// of a claim. Each runs in one read transaction of the database behind it.
public protocol CaseQueries {
    /// The case `id` of the organization with its claims, CARCs and tags; nil when there is none.
    func get(organizationID: String, id: String) throws -> CaseRecord?
    /// One page of a work list the caller may see, in `query`'s order.
    /// - Throws: `PageError.invalidCursor` for a cursor of another list or order.
    func list(caller: Caller, query: CaseQuery, page: PageRequest) throws -> Page<CaseRow>
    /// Every row of a work list in `batchSize` batches, in order, until `body` returns false (exports).
    func forEachRow(caller: Caller, query: CaseQuery, batchSize: Int, _ body: ([CaseRow]) throws -> Bool) throws
    /// How many cases each view holds for the caller.
    func viewCounts(caller: Caller) throws -> [CaseView: Int]
    /// The cases that hold (or held) claim `claimID`, newest first; with `submissionID`, only those
    /// holding that submission.
    /// - Throws: `StorageError.notFound` for an unknown claim or a submission of another claim.
    func casesForClaim(organizationID: String, claimID: String, scope: ClaimCaseScope, submissionID: String?) throws -> [CaseRecord]
}

extension CaseQueries {
    /// Every row of a work list in batches of 500 (see `forEachRow(caller:query:batchSize:_:)`).
    public func forEachRow(caller: Caller, query: CaseQuery, _ body: ([CaseRow]) throws -> Bool) throws {
        try forEachRow(caller: caller, query: query, batchSize: 500, body)
    }
}
