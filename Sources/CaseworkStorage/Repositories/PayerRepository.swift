import CaseworkDomain
import CaseworkUseCases

/// Reads of an organization's payers (changes are `PayerWork`'s, in CaseworkUseCases).
public struct PayerRepository: Sendable {
    let database: any SQLDatabase

    /// The payer with `id`, or nil.
    public func get(organizationID: String, id: String) throws -> Payer? {
        try database.read { db in
            try db.queryOne("SELECT * FROM payers WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(id)]).map(Self.payer)
        }
    }

    /// Payers ordered by id, a page at a time.
    public func list(organizationID: String, page: PageRequest) throws -> Page<Payer> {
        try database.read { db in
            try page.keyed(list: "payers", column: "id", key: { (p: Payer) in p.id }) { clause, bindings, limit in
                try db.query("SELECT * FROM payers WHERE organization_id = ?\(clause) ORDER BY id LIMIT ?",
                             [.text(organizationID)] + bindings + [.integer(Int64(limit))]).map(Self.payer)
            }
        }
    }

    static func payer(_ row: SQLRow) -> Payer {
        Payer(id: row.string("id"), name: row.string("name"), payerID: row.optionalString("payer_id"),
              kind: PayerKind(rawValue: row.string("kind")) ?? .other,
              timelyFilingDays: row.optionalInt("timely_filing_days"), appealDays: row.optionalInt("appeal_days"))
    }
}
