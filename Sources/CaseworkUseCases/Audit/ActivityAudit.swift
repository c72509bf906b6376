import CaseworkDomain

/// The field-by-field difference of two versions of a logged activity, for the audit log.
enum ActivityAudit {
    /// Changed fields of `before` → `after`, named as the API names them (`due_on`, `assignee_id`...).
    static func changes(from before: Activity, to after: Activity) -> [AuditChange] {
        let old = fields(before), new = fields(after)
        return zip(old, new).compactMap { was, now in
            was.value == now.value ? nil : AuditChange(field: was.name, before: was.value, after: now.value)
        }
    }

    /// Every field a person may change, as text (nil: absent for this kind).
    private static func fields(_ activity: Activity) -> [(name: String, value: String?)] {
        var direction: String?, state: String?, dueOn: String?, assignee: String?, startsAt: String?, endsAt: String?
        switch activity.details {
        case .note, .system: break
        case .email(let d, let s): direction = d.rawValue; state = s.rawValue
        case .phoneCall(let d): direction = d.rawValue
        case .task(let due, let who, let s): dueOn = due?.description; assignee = who; state = s.rawValue
        case .appointment(let start, let end, let s): startsAt = start.description; endsAt = end.description; state = s.rawValue
        }
        return [("subject", activity.subject), ("body", activity.body), ("occurred_at", activity.occurredAt.description),
                ("direction", direction), ("state", state), ("due_on", dueOn), ("assignee_id", assignee),
                ("starts_at", startsAt), ("ends_at", endsAt)]
    }
}
