import CaseworkDomain
import CaseworkUseCases

/// The case timeline: activities users log, and the system events Casework records.
public struct ActivityRepository: Sendable {
    let database: any SQLDatabase

    /// Logs an activity on a case. The case's revision moves on, so its ETag changes.
    /// - Throws: `StorageError.notFound` for the case, `.invalidReference` for an unknown assignee;
    ///   `ActivityRuleViolation` (system kind, open work on a closed case, end before start).
    public func add(caller: Caller, caseID: String, activity: NewActivity) throws -> Activity {
        try database.write { db in try Self.add(db, caller: caller, caseID: caseID, activity: activity) }
    }

    static func add(_ db: any SQLExecutor, caller: Caller, caseID: String, activity: NewActivity) throws -> Activity {
        guard let status = try db.queryOne("SELECT status FROM cases WHERE organization_id = ? AND id = ?",
                                           [.text(caller.organizationID), .text(caseID)])?.string("status") else {
            throw StorageError.notFound(entity: "case", id: caseID)
        }
        let now = Instant.now()
        try activity.check(caseStatus: CaseStatus(rawValue: status) ?? .active, now: now)
        if case .task(_, let assignee?, _) = activity.details { try CaseOpening.requireCaseWorker(SQLTransaction(db), organizationID: caller.organizationID, userID: assignee, field: "/assignee_id") }
        let stored = Activity(id: Identifier.make("act"), caseID: caseID, subject: activity.subject, body: activity.body,
                              details: activity.details, occurredAt: activity.occurredAt, createdAt: now, createdBy: caller.userID, updatedAt: now, updatedBy: caller.userID)
        try ActivityRows.insert(db, organizationID: caller.organizationID, stored)
        try Self.bumpCase(db, caseID: caseID)
        try AuditLog.record(db, organizationID: caller.organizationID, actorID: caller.userID, entityType: "activity",
                            entityID: stored.id, action: "create",
                            changes: [.init(field: "kind", before: AuditChange.value(nil), after: stored.kind.rawValue)], at: now.description)
        return stored
    }

    /// The activity `id` of the organization, or nil.
    public func get(organizationID: String, id: String) throws -> Activity? {
        try database.read { db in
            try db.queryOne("SELECT * FROM activities WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(id)])
                .map(ActivityRows.activity)
        }
    }

    /// Changes an activity (subject, body, state, due date, assignee, times) within its kind's rules.
    /// - Throws: `StorageError.notFound`, `.invalidReference` (assignee); `ActivityRuleViolation`.
    public func update(caller: Caller, id: String, changes: ActivityChanges) throws -> Activity {
        try database.write { db in
            guard let row = try db.queryOne("SELECT * FROM activities WHERE organization_id = ? AND id = ?",
                                            [.text(caller.organizationID), .text(id)]) else {
                throw StorageError.notFound(entity: "activity", id: id)
            }
            let before = ActivityRows.activity(row)
            let now = Instant.now()
            var after = try changes.applied(to: before)
            if case .task(_, let assignee?, _) = after.details, changes.assigneeID != nil {
                try CaseOpening.requireCaseWorker(SQLTransaction(db), organizationID: caller.organizationID, userID: assignee, field: "/assignee_id")
            }
            guard after != before else { return before }
            after.updatedAt = now
            after.updatedBy = caller.userID
            try db.execute(
                """
                UPDATE activities SET subject = ?, body = ?, direction = ?, state = ?, due_on = ?, assignee_id = ?,
                    starts_at = ?, ends_at = ?, event = ?, facts = ?, occurred_at = ?, updated_at = ?, updated_by = ?
                WHERE id = ?
                """, [.text(after.subject), .text(after.body)] + ActivityRows.columns(after.details)
                    + [.text(after.occurredAt.description), .text(now.description), .text(caller.userID), .text(id)])
            try Self.bumpCase(db, caseID: before.caseID)
            try AuditLog.record(db, organizationID: caller.organizationID, actorID: caller.userID, entityType: "activity",
                                entityID: id, action: "update", changes: Self.diff(before, after), at: now.description)
            return after
        }
    }

    /// A case's timeline, newest first by when each entry happened (a call logged late sorts at
    /// its time; ties in logging order), a page at a time.
    /// - Throws: `StorageError.notFound` for the case; `PageError.invalidCursor`.
    public func timeline(organizationID: String, caseID: String, page: PageRequest) throws -> Page<Activity> {
        var clause = ""
        var bindings: [SQLValue] = [.text(caseID)]
        if let cursor = page.cursor {   // a bad cursor is the request's fault, whether or not the case exists
            guard let parts = Cursor.decode(cursor, count: 2), let occurred = Instant(parts[0]), let seq = Int64(parts[1]) else {
                throw PageError.invalidCursor
            }
            clause = " AND (occurred_at < ? OR (occurred_at = ? AND seq < ?))"
            bindings += [.text(occurred.description), .text(occurred.description), .integer(seq)]
        }
        return try database.read { db in
            guard try db.queryOne("SELECT 1 AS found FROM cases WHERE organization_id = ? AND id = ?",
                                  [.text(organizationID), .text(caseID)]) != nil else {
                throw StorageError.notFound(entity: "case", id: caseID)
            }
            var rows = try db.query("SELECT * FROM activities WHERE case_id = ?\(clause) ORDER BY occurred_at DESC, seq DESC LIMIT ?",
                                    bindings + [SQLValue(page.limit + 1)])
            var next: String?
            if rows.count > page.limit {
                rows.removeLast()
                next = rows.last.map { Cursor.encode([$0.string("occurred_at"), String($0.int64("seq"))]) }
            }
            return Page(items: rows.map(ActivityRows.activity), nextCursor: next)
        }
    }


    /// The timeline is part of the case: any change to it moves the case's revision (and ETag).
    static func bumpCase(_ db: any SQLExecutor, caseID: String) throws {
        try db.execute("UPDATE cases SET revision = revision + 1 WHERE id = ?", [.text(caseID)])
    }

    static func diff(_ before: Activity, _ after: Activity) -> [AuditChange] {
        var changes: [AuditChange] = []
        if before.subject != after.subject { changes.append(.init(field: "subject", before: before.subject, after: after.subject)) }
        if before.body != after.body { changes.append(.init(field: "body", before: before.body, after: after.body)) }
        if before.occurredAt != after.occurredAt {
            changes.append(.init(field: "occurred_at", before: before.occurredAt.description, after: after.occurredAt.description))
        }
        let old = ActivityRows.columns(before.details), new = ActivityRows.columns(after.details)
        let names = ["direction", "state", "due_on", "assignee_id", "starts_at", "ends_at", "event", "facts"]
        for (index, name) in names.enumerated() where old[index] != new[index] {
            changes.append(.init(field: name, before: AuditChange.value(old[index].textValue), after: AuditChange.value(new[index].textValue)))
        }
        return changes
    }
}

extension SQLValue {
    /// The text of a `.text` value, else nil.
    var textValue: String? { if case .text(let s) = self { s } else { nil } }
}
