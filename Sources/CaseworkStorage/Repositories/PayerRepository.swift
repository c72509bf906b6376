import CaseworkDomain
import CaseworkUseCases

/// Payers of an organization.
public struct PayerRepository: Sendable {
    let database: any SQLDatabase

    /// Records a payer; returns it with its new id.
    public func add(organizationID: String, name: String, payerID: String?, kind: PayerKind,
                    timelyFilingDays: Int?, appealDays: Int?, actorID: String?) throws -> Payer {
        try database.write { db in
            try Self.insert(db, organizationID: organizationID, payer: Payer(
                id: Identifier.make("pay"), name: name, payerID: payerID, kind: kind,
                timelyFilingDays: timelyFilingDays, appealDays: appealDays), importKey: nil, actorID: actorID)
        }
    }

    /// The payer with `id`, or nil.
    public func get(organizationID: String, id: String) throws -> Payer? {
        try database.read { db in
            try db.queryOne("SELECT * FROM payers WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(id)]).map(Self.payer)
        }
    }

    /// Payers ordered by id, a page at a time.
    public func list(organizationID: String, page: PageRequest) throws -> Page<Payer> {
        try database.read { db in
            try page.keyed(column: "id", key: { (p: Payer) in p.id }) { clause, bindings, limit in
                try db.query("SELECT * FROM payers WHERE organization_id = ?\(clause) ORDER BY id LIMIT ?",
                             [.text(organizationID)] + bindings + [.integer(Int64(limit))]).map(Self.payer)
            }
        }
    }

    @discardableResult
    static func insert(_ db: any SQLExecutor, organizationID: String, payer: Payer, importKey: String?, actorID: String?) throws -> Payer {
        let now = Instant.now().description
        try db.execute(
            """
            INSERT INTO payers (id, organization_id, name, payer_id, kind, timely_filing_days, appeal_days, import_key, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(payer.id), .text(organizationID), .text(payer.name), SQLValue(payer.payerID), .text(payer.kind.rawValue),
             SQLValue(payer.timelyFilingDays), SQLValue(payer.appealDays), SQLValue(importKey), .text(now)])
        try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "payer", entityID: payer.id,
                            action: "create", changes: [.init(field: "name", before: AuditChange.value(nil), after: payer.name)], at: now)
        return payer
    }

    static func payer(_ row: SQLRow) -> Payer {
        Payer(id: row.string("id"), name: row.string("name"), payerID: row.optionalString("payer_id"),
              kind: PayerKind(rawValue: row.string("kind")) ?? .other,
              timelyFilingDays: row.optionalInt("timely_filing_days"), appealDays: row.optionalInt("appeal_days"))
    }
}
