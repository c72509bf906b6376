import CaseworkDomain
import Foundation

/// Converts activities to and from `activities` rows.
enum ActivityRows {
    static func activity(_ row: SQLRow) -> Activity {
        let state = row.optionalString("state") ?? ""
        let direction = Direction(rawValue: row.optionalString("direction") ?? "") ?? .outbound
        let details: ActivityDetails
        switch ActivityKind(rawValue: row.string("kind")) ?? .note {
        case .note: details = .note
        case .email: details = .email(direction: direction, state: EmailState(rawValue: state) ?? .draft)
        case .phoneCall: details = .phoneCall(direction: direction)
        case .task: details = .task(dueOn: row.optionalString("due_on").flatMap(Day.init), assigneeID: row.optionalString("assignee_id"),
                                    state: TaskState(rawValue: state) ?? .open)
        case .appointment:
            details = .appointment(startsAt: row.optionalString("starts_at").flatMap(Instant.init) ?? Instant(secondsSinceEpoch: 0),
                                   endsAt: row.optionalString("ends_at").flatMap(Instant.init) ?? Instant(secondsSinceEpoch: 0),
                                   state: AppointmentState(rawValue: state) ?? .scheduled)
        case .system:
            details = .system(event: SystemEvent(rawValue: row.optionalString("event") ?? "") ?? .caseOpened,
                              facts: systemFacts(row.optionalString("facts")))
        }
        return Activity(id: row.string("id"), caseID: row.string("case_id"), subject: row.string("subject"), body: row.string("body"),
                        details: details, occurredAt: Instant(row.string("occurred_at")),
                        createdAt: Instant(row.string("created_at")) ?? Instant(secondsSinceEpoch: 0),
                        createdBy: row.string("created_by"), updatedAt: Instant(row.string("updated_at")) ?? Instant(secondsSinceEpoch: 0),
                        updatedBy: row.string("updated_by"))
    }

    /// Facts stored as a JSON object of strings, integers and lists of strings. Rows written before
    /// facts were typed hold every value as text: counts and amounts are read back as numbers and
    /// space-separated ids and codes as lists.
    static func systemFacts(_ json: String?) -> [String: SystemFact] {
        guard let json, let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return [:] }
        var facts: [String: SystemFact] = [:]
        for (key, value) in object {
            switch value {
            case let list as [String]: facts[key] = .list(list)
            case let text as String:
                if ["count", "amount_cents"].contains(key), let number = Int(text) {
                    facts[key] = .number(number)
                } else if ["activity_ids", "codes", "carc_codes"].contains(key) {
                    facts[key] = .list(text.split(separator: " ").map(String.init))
                } else {
                    facts[key] = .text(text)
                }
            case let number as NSNumber: facts[key] = .number(number.intValue)
            default: continue
            }
        }
        return facts
    }

    /// Column values of the kind-specific part: direction, state, due_on, assignee_id, starts_at, ends_at, event, facts.
    static func columns(_ details: ActivityDetails) -> [SQLValue] {
        switch details {
        case .note:
            return [.null, .null, .null, .null, .null, .null, .null, .null]
        case .email(let direction, let state):
            return [.text(direction.rawValue), .text(state.rawValue), .null, .null, .null, .null, .null, .null]
        case .phoneCall(let direction):
            return [.text(direction.rawValue), .null, .null, .null, .null, .null, .null, .null]
        case .task(let due, let assignee, let state):
            return [.null, .text(state.rawValue), SQLValue(due?.description), SQLValue(assignee), .null, .null, .null, .null]
        case .appointment(let start, let end, let state):
            return [.null, .text(state.rawValue), .null, .null, .text(start.description), .text(end.description), .null, .null]
        case .system(let event, let facts):
            let json = JSONText.encode(facts)
            return [.null, .null, .null, .null, .null, .null, .text(event.rawValue), .text(json)]
        }
    }

    /// Inserts `activity` for the organization.
    static func insert(_ db: any SQLExecutor, organizationID: String, _ activity: Activity) throws {
        try db.execute(
            """
            INSERT INTO activities (id, organization_id, case_id, kind, subject, body, direction, state, due_on, assignee_id,
                starts_at, ends_at, event, facts, occurred_at, created_at, created_by, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(activity.id), .text(organizationID), .text(activity.caseID), .text(activity.kind.rawValue), .text(activity.subject),
             .text(activity.body)] + columns(activity.details)
            + [.text(activity.occurredAt.description), .text(activity.createdAt.description), .text(activity.createdBy), .text(activity.updatedAt.description), .text(activity.updatedBy)])
    }
}
