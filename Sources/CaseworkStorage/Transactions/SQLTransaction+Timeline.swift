import CaseworkDomain
import CaseworkUseCases

/// The timeline's part of the gateway: activities as rows of `activities`.
extension SQLTransaction {
    // MARK: TimelineReads

    func openWork(caseID: String) throws -> [Activity] {
        try db.query(
            """
            SELECT * FROM activities WHERE case_id = ?
              AND ((kind = 'task' AND state = 'open') OR (kind = 'appointment' AND state = 'scheduled'))
            ORDER BY seq
            """, [.text(caseID)]).map(ActivityRows.activity)
    }

    // MARK: TimelineWrites

    func activityForChange(organizationID: String, id: String) throws -> Activity? {
        try db.queryOne("SELECT * FROM activities WHERE organization_id = ? AND id = ?" + db.dialect.lockForUpdate,
                        [.text(organizationID), .text(id)]).map(ActivityRows.activity)
    }

    func insertActivity(_ activity: Activity, organizationID: String) throws {
        try ActivityRows.insert(db, organizationID: organizationID, activity)
    }

    func updateActivity(_ activity: Activity) throws {
        try db.execute(
            """
            UPDATE activities SET subject = ?, body = ?, direction = ?, state = ?, due_on = ?, assignee_id = ?,
                starts_at = ?, ends_at = ?, event = ?, facts = ?, occurred_at = ?, updated_at = ?, updated_by = ?
            WHERE id = ?
            """, [.text(activity.subject), .text(activity.body)] + ActivityRows.columns(activity.details)
                + [.text(activity.occurredAt.description), .text(activity.updatedAt.description), .text(activity.updatedBy),
                   .text(activity.id)])
    }

    func cancelActivity(id: String, at: Instant, by userID: String) throws {
        try db.execute("UPDATE activities SET state = 'canceled', updated_at = ?, updated_by = ? WHERE id = ?",
                       [.text(at.description), .text(userID), .text(id)])
    }

    func touchCase(caseID: String) throws {
        try db.execute("UPDATE cases SET revision = revision + 1 WHERE id = ?", [.text(caseID)])
    }
}
