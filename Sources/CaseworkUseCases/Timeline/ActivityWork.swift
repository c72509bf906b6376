import CaseworkDomain

/// The use cases of a case's timeline: logging an activity and changing one. Each runs in one
/// write transaction of `database`, at `ambient`'s time, and moves the case's revision on (the
/// timeline is part of the case, so its ETag changes).
public struct ActivityWork: Sendable {
    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Logs an activity on a case of the caller's organization.
    /// - Throws: `StorageError.notFound` for the case, `.invalidReference` / `.cannotWorkCases` for a
    ///   task's assignee; `ActivityRuleViolation` (system kind, open work on a closed case, an
    ///   appointment ending before it starts).
    public func add(caller: Caller, caseID: String, activity: NewActivity) throws -> Activity {
        try database.write { tx in try Self.add(tx, ambient, caller: caller, caseID: caseID, activity: activity) }
    }

    /// `add` inside a transaction the caller already holds (bulk loads).
    static func add(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, caseID: String,
                           activity: NewActivity) throws -> Activity {
        // Locks the case (PostgreSQL) so that a close running beside this sees the new open work or refuses it.
        guard let status = try tx.caseStatusForChange(organizationID: caller.organizationID, id: caseID) else {
            throw StorageError.notFound(entity: "case", id: caseID)
        }
        let now = ambient.now()
        try activity.check(caseStatus: status, now: now)
        if case .task(_, let assignee?, _) = activity.details {
            try CaseOpening.requireCaseWorker(tx, organizationID: caller.organizationID, userID: assignee, field: "/assignee_id")
        }
        let stored = Activity(id: ambient.newID("act"), caseID: caseID, subject: activity.subject, body: activity.body,
                              details: activity.details, occurredAt: activity.occurredAt, createdAt: now, createdBy: caller.userID,
                              updatedAt: now, updatedBy: caller.userID)
        try tx.insertActivity(stored, organizationID: caller.organizationID)
        try tx.touchCase(caseID: caseID)
        try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "activity",
                                           entityID: stored.id, action: "create",
                                           changes: [AuditChange(field: "kind", before: AuditValue.null, after: stored.kind.rawValue)],
                                           at: now))
        return stored
    }

    /// Changes an activity (subject, body, state, due date, assignee, times) within its kind's rules.
    /// Changes that leave it as it was write nothing.
    /// - Throws: `StorageError.notFound`, `.invalidReference` / `.cannotWorkCases` (assignee);
    ///   `ActivityRuleViolation`.
    public func update(caller: Caller, id: String, changes: ActivityChanges) throws -> Activity {
        try database.write { tx in
            guard let before = try tx.activityForChange(organizationID: caller.organizationID, id: id) else {
                throw StorageError.notFound(entity: "activity", id: id)
            }
            var after = try changes.applied(to: before)
            if case .task(_, let assignee?, _) = after.details, changes.assigneeID != nil {
                try CaseOpening.requireCaseWorker(tx, organizationID: caller.organizationID, userID: assignee, field: "/assignee_id")
            }
            guard after != before else { return before }
            let now = ambient.now()
            after.updatedAt = now
            after.updatedBy = caller.userID
            try tx.updateActivity(after)
            try tx.touchCase(caseID: before.caseID)
            try tx.insertAuditEntry(AuditEntry(organizationID: caller.organizationID, actorID: caller.userID, entityType: "activity",
                                               entityID: id, action: "update", changes: ActivityAudit.changes(from: before, to: after),
                                               at: now))
            return after
        }
    }
}
