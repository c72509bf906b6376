import CaseworkUseCases

/// Writes audit events: who changed what and when, inside the change's own transaction (DESIGN §3 rule 5).
struct AuditLog {
    /// Appends one event. `changes` become `{"field":{"before":…,"after":…}}`.
    static func record(_ db: any SQLExecutor, organizationID: String, actorID: String?, entityType: String,
                       entityID: String, action: String, changes: [AuditChange], at: String) throws {
        try record(db, organizationID: organizationID, actorID: actorID, entityType: entityType, entityID: entityID, action: action,
                   changesJSON: json(changes), at: at)
    }

    /// Appends one event whose changes are already JSON text (see `json(_:)`).
    static func record(_ db: any SQLExecutor, organizationID: String, actorID: String?, entityType: String,
                       entityID: String, action: String, changesJSON: String, at: String) throws {
        try db.execute(
            "INSERT INTO audit_events (organization_id, actor_id, entity_type, entity_id, action, changes, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(organizationID), SQLValue(actorID), .text(entityType), .text(entityID), .text(action), .text(changesJSON), .text(at)])
    }

    /// `{"field":{"after":…,"before":…},…}` with the fields sorted (keys sorted, as `JSONText` writes
    /// objects), the last change of a field given twice winning. Written directly: building nested
    /// dictionaries of `Any` for every audited row cost a posting a tenth of its time.
    static func json(_ changes: [AuditChange]) -> String {
        let order = changes.indices.sorted {
            changes[$0].field != changes[$1].field ? changes[$0].field < changes[$1].field : $0 < $1
        }
        var out = "{"
        out.reserveCapacity(64 * changes.count)
        for (rank, index) in order.enumerated() {
            let change = changes[index]
            if rank + 1 < order.count, changes[order[rank + 1]].field == change.field { continue }
            if out.utf8.count > 1 { out += "," }
            JSONText.string(change.field, into: &out)
            out += #":{"after":"#
            JSONText.write(change.after, into: &out)
            out += #","before":"#
            JSONText.write(change.before, into: &out)
            out += "}"
        }
        return out + "}"
    }
}
