import CaseworkDomain
import CaseworkUseCases

/// Reads of claims, their submissions and remittances (changes are `ClaimWork`'s, in CaseworkUseCases).
public struct ClaimRepository: Sendable {
    let database: any SQLDatabase

    /// The claim with `id`, or nil.
    public func get(organizationID: String, id: String) throws -> ClaimRecord? {
        try database.read { db in try SQLTransaction(db).claimRecord(organizationID: organizationID, id: id) }
    }

    /// Claims matching `filter`, ordered by id, a page at a time.
    public func list(organizationID: String, filter: ClaimFilter, page: PageRequest) throws -> Page<ClaimRecord> {
        var conditions = ["organization_id = ?"]
        var bindings: [SQLValue] = [.text(organizationID)]
        if let number = filter.claimNumber { conditions.append("claim_number = ?"); bindings.append(.text(number)) }
        if let payer = filter.payerID { conditions.append("payer_id = ?"); bindings.append(.text(payer)) }
        if let patient = filter.patientID { conditions.append("patient_id = ?"); bindings.append(.text(patient)) }
        if let denied = filter.denied { conditions.append(denied ? "denial_carcs <> ''" : "denial_carcs = ''") }
        if let held = filter.hasActiveCase {
            conditions.append("\(held ? "" : "NOT ")EXISTS (SELECT 1 FROM case_claims l WHERE l.claim_id = cl.id AND l.active = 1)")
        }
        if let search = filter.search {
            let match = SearchSQL.claim(search)
            conditions.append(match.sql)
            bindings += match.bindings
        }
        let whereClause = conditions.joined(separator: " AND ")
        return try database.read { db in
            try page.keyed(list: "claims", column: "id", key: { (r: ClaimRecord) in r.claim.id }) { clause, extra, limit in
                try db.query("SELECT cl.* FROM claims cl WHERE \(whereClause)\(clause) ORDER BY id LIMIT ?",
                             bindings + extra + [.integer(Int64(limit))])
                    .map { try Self.record(db, Self.claim($0)) }
            }
        }
    }

    /// The claim's submissions in sequence order.
    /// - Throws: `StorageError.notFound` when the claim is not in the organization.
    public func submissions(organizationID: String, claimID: String) throws -> [Submission] {
        try database.read { db in
            try Self.requireClaim(db, organizationID: organizationID, claimID: claimID)
            return try db.query("SELECT * FROM submissions WHERE claim_id = ? ORDER BY sequence", [.text(claimID)]).map(Self.submission)
        }
    }

    static func requireClaim(_ db: any SQLExecutor, organizationID: String, claimID: String) throws {
        guard try db.queryOne("SELECT 1 AS found FROM claims WHERE organization_id = ? AND id = ?",
                              [.text(organizationID), .text(claimID)]) != nil else {
            throw StorageError.notFound(entity: "claim", id: claimID)
        }
    }
}
