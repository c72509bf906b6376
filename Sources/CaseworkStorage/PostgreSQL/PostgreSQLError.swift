import CaseworkUseCases

/// A PostgreSQL failure: its SQLSTATE (five characters, e.g. `23505` unique violation) and message.
/// Source: https://www.postgresql.org/docs/15/errcodes-appendix.html
public struct PostgreSQLError: Error, Sendable, CustomStringConvertible {
    /// The SQLSTATE; `08006` (connection failure) when the server sent none (the connection broke).
    public let sqlState: String
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    public var description: String {
        "PostgreSQL \(sqlState): \(message)" + (sql.map { " [\($0.prefix(200))]" } ?? "")
    }

    /// `40001` serialization failure or `40P01` deadlock: the transaction lost a race and may be run again.
    public var isSerializationFailure: Bool { sqlState == "40001" || sqlState == "40P01" }
}

extension PostgreSQLError: DriverFailure {
    /// `23505` a unique index refused the row; `55P03` a lock was not available in time, `57014` a
    /// statement timed out, and a serialization failure that retries did not cure: busy; else other.
    public var failureCode: String { "sqlstate \(sqlState)" }

    public var failureKind: DriverFailureKind {
        switch sqlState {
        case "23505": .uniqueViolation
        case "55P03", "57014", "40001", "40P01": .busy
        default: .other
        }
    }
}
