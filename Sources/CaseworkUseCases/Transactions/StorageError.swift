/// Failures of the application's data that a client can act on, thrown by use cases and drivers alike.
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

/// What went wrong in a database driver, in words every driver shares: a driver's own error type
/// conforms, so nothing above storage names it.
public enum DriverFailureKind: Sendable, Equatable {
    /// Another process or server held the lock past the driver's wait: worth retrying shortly.
    case busy
    /// A unique index refused the row (e.g. rule 1's one active case per claim).
    case uniqueViolation
    /// Anything else: a bug or a broken database, answered as a server error.
    case other
}

/// A driver's error that says which `DriverFailureKind` it is.
public protocol DriverFailure: Error {
    var failureKind: DriverFailureKind { get }
    /// The driver's code for the failure, safe for a log line (never the message, which may quote
    /// row values): e.g. `sqlstate 42P01`, `sqlite 2067`.
    var failureCode: String { get }
}

extension StorageError {
    /// Whether `error` is the database being busy (another process holds the write lock past the
    /// busy timeout): worth retrying shortly.
    public static func isBusy(_ error: any Error) -> Bool {
        (error as? any DriverFailure)?.failureKind == .busy
    }

    /// Whether `error` is a unique index refusing a row.
    public static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? any DriverFailure)?.failureKind == .uniqueViolation
    }
}
