/// Failures of storage that a client can act on. SQLite's own failures surface as `SQLiteError`.
public enum StorageError: Error, Sendable, Equatable {
    /// No row of `entity` with `id` in the caller's organization.
    case notFound(entity: String, id: String)
    /// A unique value is already taken, e.g. a claim number or a user's e-mail.
    case duplicate(entity: String, field: String, value: String)
    /// A referenced row (payer, patient, owner, team member) does not exist in the organization.
    case invalidReference(field: String, id: String)
    /// A case owner or task assignee (at `field`) is a user whose role cannot work cases (a viewer).
    case cannotWorkCases(field: String, userID: String, role: String)
    /// The row changed since the caller read it (optimistic concurrency).
    case revisionMismatch(current: Int)
}

extension StorageError {
    /// Whether `error` is the database being busy (another process holds the write lock past the
    /// busy timeout): worth retrying shortly. Callers above storage never see the driver's types.
    public static func isBusy(_ error: any Error) -> Bool {
        (error as? SQLiteError)?.isBusy ?? false
    }
}
