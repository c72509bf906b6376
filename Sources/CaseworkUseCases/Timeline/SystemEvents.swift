import CaseworkDomain

/// System entries on a case's timeline, written in the transaction of the change they record.
enum SystemEvents {
    /// Records `event` with `facts` on the case's timeline, attributed to the caller.
    static func record(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, caseID: String, event: SystemEvent,
                              facts: [String: SystemFact] = [:], at: Instant) throws {
        try tx.insertActivity(Activity(
            id: ambient.newID("act"), caseID: caseID, subject: subject(event, facts), body: "",
            details: .system(event: event, facts: facts), createdAt: at, createdBy: caller.userID, updatedAt: at, updatedBy: caller.userID),
            organizationID: caller.organizationID)
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

    /// Cancels the given open work, recording each change in the audit log and one timeline entry.
    static func cancel(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, caseID: String, work: [Activity], at: Instant) throws {
        guard !work.isEmpty else { return }
        for activity in work {
            try tx.cancelActivity(id: activity.id, at: at, by: caller.userID)
            let before: String = activity.kind == .task ? "open" : "scheduled"
            try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "activity",
                                               entityID: activity.id, action: "update",
                                               changes: [AuditChange(field: "state", before: before, after: "canceled")], at: at))
        }
        try record(tx, ambient, caller: caller, caseID: caseID, event: .openActivitiesCanceled,
                   facts: ["count": .number(work.count), "activity_ids": .list(work.map(\.id))], at: at)
    }
}
