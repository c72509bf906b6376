import CaseworkDomain

/// Writes of timeline entries.
public protocol TimelineWrites {
    /// The activity `id` of the organization, locked against concurrent writers until the
    /// transaction ends; nil when there is none.
    func activityForChange(organizationID: String, id: String) throws -> Activity?
    /// Appends `activity` to its case's timeline.
    func insertActivity(_ activity: Activity, organizationID: String) throws
    /// Stores a changed activity (every field but its id, case and creation stamp).
    func updateActivity(_ activity: Activity) throws
    /// Marks the activity canceled, stamped `at` and `by`.
    func cancelActivity(id: String, at: Instant, by userID: String) throws
    /// Moves the case's revision on after a change to its timeline (the case's ETag changes).
    func touchCase(caseID: String) throws
}
