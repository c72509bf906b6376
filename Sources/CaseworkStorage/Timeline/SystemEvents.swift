import CaseworkDomain

/// System entries on a case's timeline, written in the transaction of the change they record.
enum SystemEvents {
    /// Records `event` with `facts` on the case's timeline, attributed to the caller.
    static func record(_ db: SQLiteConnection, caller: Caller, caseID: String, event: SystemEvent,
                       facts: [String: SystemFact] = [:], at: Instant) throws {
        try ActivityRows.insert(db, organizationID: caller.organizationID, Activity(
            id: Identifier.make("act"), caseID: caseID, subject: subject(event, facts), body: "",
            details: .system(event: event, facts: facts), createdAt: at, createdBy: caller.userID, updatedAt: at, updatedBy: caller.userID))
    }

    /// A one-line summary a timeline can show as it is.
    static func subject(_ event: SystemEvent, _ typed: [String: SystemFact]) -> String {
        let facts = typed.mapValues(\.text)
        return switch event {
        case .caseOpened: "Case opened"
        case .stageChanged: "Stage changed from \(facts["from"] ?? "?") to \(facts["to"] ?? "?")"
        case .claimAdded: "Claim \(facts["claim_number"] ?? "") added"
        case .claimRemoved: "Claim \(facts["claim_number"] ?? "") removed"
        case .resolved: "Case resolved"
        case .canceled: "Case canceled"
        case .reactivated: "Case reactivated"
        case .carcCodesResolved: "CARC codes resolved: \(facts["codes"] ?? "")"
        case .openActivitiesCanceled: "Open tasks and appointments canceled: \(facts["count"] ?? "0")"
        case .paymentPosted: "Payment of \(Dollars.text(cents: Int(facts["amount_cents"] ?? "") ?? 0)) posted to claim \(facts["claim_number"] ?? "") (trace \(facts["trace_number"] ?? ""))"
        case .denialPosted: "Claim \(facts["claim_number"] ?? "") denied: \(facts["carc_codes"] ?? facts["category"] ?? "")"
        case .openedByRule: "Opened by rule \"\(facts["rule"] ?? "")\" for a posted denial"
        case .paymentReceived: "Payment received: nothing outstanding on the case's claims"
        }
    }

    /// Open tasks and scheduled appointments of a case, oldest first.
    static func openWork(_ db: SQLiteConnection, caseID: String) throws -> [Activity] {
        try db.query(
            """
            SELECT * FROM activities WHERE case_id = ?
              AND ((kind = 'task' AND state = 'open') OR (kind = 'appointment' AND state = 'scheduled'))
            ORDER BY seq
            """, [.text(caseID)]).map(ActivityRows.activity)
    }

    /// Cancels the given open work, recording each change in the audit log and one timeline entry.
    static func cancel(_ db: SQLiteConnection, caller: Caller, caseID: String, work: [Activity], at: Instant) throws {
        guard !work.isEmpty else { return }
        for activity in work {
            try db.execute("UPDATE activities SET state = 'canceled', updated_at = ?, updated_by = ? WHERE id = ?",
                           [.text(at.description), .text(caller.userID), .text(activity.id)])
            let before: String = activity.kind == .task ? "open" : "scheduled"
            try AuditLog.record(db, organizationID: caller.organizationID, actorID: caller.userID, entityType: "activity",
                                entityID: activity.id, action: "update",
                                changes: [.init(field: "state", before: before, after: "canceled")], at: at.description)
        }
        try record(db, caller: caller, caseID: caseID, event: .openActivitiesCanceled,
                   facts: ["count": .number(work.count), "activity_ids": .list(work.map(\.id))], at: at)
    }
}
