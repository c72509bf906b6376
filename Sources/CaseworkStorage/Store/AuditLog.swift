import Foundation

/// Writes audit events: who changed what and when, inside the change's own transaction (DESIGN §3 rule 5).
struct AuditLog {
    /// One changed field: its value before and after, as JSON-compatible values (`NSNull` for null).
    struct FieldChange {
        let field: String
        let before: Any
        let after: Any
    }

    /// Appends one event. `changes` become `{"field":{"before":…,"after":…}}`.
    static func record(_ db: SQLiteConnection, organizationID: String, actorID: String?, entityType: String,
                       entityID: String, action: String, changes: [FieldChange], at: String) throws {
        var object: [String: Any] = [:]
        for change in changes { object[change.field] = ["before": change.before, "after": change.after] }
        try db.execute(
            "INSERT INTO audit_events (organization_id, actor_id, entity_type, entity_id, action, changes, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(organizationID), SQLValue(actorID), .text(entityType), .text(entityID), .text(action),
             .text(JSONText.encode(object)), .text(at)])
    }

    /// A JSON-compatible value for an optional: the value or `NSNull`.
    static func value(_ v: Any?) -> Any { v ?? NSNull() }
}
