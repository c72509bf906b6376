import CaseworkDomain

/// JSON shape of a timeline entry: common members plus those of its kind (others are null).
enum ActivityRepresentation {
    static func activity(_ a: Activity) -> JSONValue {
        var direction: String?, state: String?, dueOn: String?, assignee: String?, startsAt: String?, endsAt: String?
        var event: JSONValue = .null
        var facts: JSONValue = .null
        switch a.details {
        case .note: break
        case .email(let d, let s): direction = d.rawValue; state = s.rawValue
        case .phoneCall(let d): direction = d.rawValue
        case .task(let due, let who, let s): dueOn = due?.description; assignee = who; state = s.rawValue
        case .appointment(let start, let end, let s): startsAt = start.description; endsAt = end.description; state = s.rawValue
        case .system(let e, let f):
            event = .string(e.rawValue)
            facts = .object(f.keys.sorted().map { key in
                switch f[key]! {
                case .text(let text): (key, .string(text))
                case .number(let number): (key, .int(number))
                case .list(let items): (key, .strings(items))
                }
            })
        }
        return .object([
            ("id", .string(a.id)), ("case_id", .string(a.caseID)), ("kind", .string(a.kind.rawValue)),
            ("subject", .string(a.subject)), ("body", .string(a.body)),
            ("direction", .optional(direction)), ("state", .optional(state)), ("due_on", .optional(dueOn)),
            ("assignee_id", .optional(assignee)), ("starts_at", .optional(startsAt)), ("ends_at", .optional(endsAt)),
            ("event", event), ("facts", facts), ("occurred_at", .string(a.occurredAt.description)),
            ("created_at", .string(a.createdAt.description)), ("created_by", .string(a.createdBy)),
            ("updated_at", .string(a.updatedAt.description)), ("updated_by", .string(a.updatedBy)),
        ])
    }

    /// A short reference used when listing open work that blocks a resolve or cancel.
    static func reference(_ a: Activity) -> JSONValue {
        .object([("id", .string(a.id)), ("kind", .string(a.kind.rawValue)), ("subject", .string(a.subject))])
    }
}
