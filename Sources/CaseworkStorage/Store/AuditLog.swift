import CaseworkUseCases
import Foundation

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
        // Sorting positions, not the changes: a change holds two existentials, costly to move.
        let order = changes.indices.sorted {
            changes[$0].field != changes[$1].field ? changes[$0].field < changes[$1].field : $0 < $1
        }
        var object = JSONObjectText()
        for (rank, index) in order.enumerated() {
            let change = changes[index]
            if rank + 1 < order.count, changes[order[rank + 1]].field == change.field { continue }
            var values = JSONObjectText()
            values.add("after", any: change.after)
            values.add("before", any: change.before)
            object.add(change.field, object: values)
        }
        return object.text
    }
}
