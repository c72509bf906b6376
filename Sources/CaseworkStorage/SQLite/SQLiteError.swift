import CaseworkUseCases
import CSQLite

/// An error reported by SQLite (or by this layer on misuse), carrying SQLite's
/// *extended* result code, its message and the SQL that failed.
///
/// - `code`: the extended result code, e.g. `SQLITE_CONSTRAINT_UNIQUE` (2067);
///   `code & 0xFF` is the primary code. Source: https://www.sqlite.org/rescode.html
/// - `message`: `sqlite3_errmsg` at the time of failure (or this layer's explanation).
/// - `sql`: the statement or script that failed, when there was one.
///
/// Errors raised by this layer itself (not by SQLite) use `SQLITE_MISUSE` (21) for
/// programmer errors such as several statements passed to `execute`, duplicate migration
/// versions or an unknown applied migration, and `SQLITE_RANGE` (25) for a wrong number
/// of bindings.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code (https://www.sqlite.org/rescode.html#extrc).
    public let code: Int32
    /// The human-readable message, from `sqlite3_errmsg` or this layer.
    public let message: String
    /// The SQL being run when the error happened, if any.
    public let sql: String?

    /// Creates an error value. (Public addition to the agreed API, handy for tests and fakes.)
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (`code & 0xFF`), e.g. `SQLITE_CONSTRAINT` (19) for 2067.
    public var primaryCode: Int32 { code & 0xFF }

    /// True for a violated `UNIQUE` constraint or unique index (`SQLITE_CONSTRAINT_UNIQUE`, 2067),
    /// including partial unique indexes, or a violated `PRIMARY KEY` (`SQLITE_CONSTRAINT_PRIMARYKEY`, 1555).
    public var isUniqueConstraint: Bool {
        code == SQLiteExtendedCode.constraintUnique || code == SQLiteExtendedCode.constraintPrimaryKey
    }

    /// True for a violated `FOREIGN KEY` constraint (`SQLITE_CONSTRAINT_FOREIGNKEY`, 787).
    /// Foreign keys are enforced because every connection runs `PRAGMA foreign_keys = ON`.
    public var isForeignKeyConstraint: Bool {
        code == SQLiteExtendedCode.constraintForeignKey
    }

    /// True when the database stayed locked by another connection or process longer than the
    /// busy timeout (primary code `SQLITE_BUSY`, 5, any extended variant). Retrying later may succeed.
    public var isBusy: Bool {
        primaryCode == SQLITE_BUSY
    }

    /// `SQLite error <code>: <message>`, followed by the SQL when known.
    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " — SQL: \(sql)" }
        return text
    }
}

extension SQLiteError {
    /// Builds an error from the connection's current state: `sqlite3_extended_errcode` + `sqlite3_errmsg`.
    /// `rc` is the result code the failing call returned; it is used instead when the handle's
    /// error code disagrees with it (or there is no handle, e.g. SQLite could not allocate one).
    static func from(_ db: OpaquePointer?, rc: Int32, sql: String?) -> SQLiteError {
        guard let db else {
            return SQLiteError(code: rc, message: String(cString: sqlite3_errstr(rc)), sql: sql)
        }
        var code = sqlite3_extended_errcode(db)
        if code == SQLITE_OK || (code & 0xFF) != (rc & 0xFF) { code = rc }
        let message = sqlite3_errmsg(db).map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        return SQLiteError(code: code, message: message, sql: sql)
    }

    /// An error raised by this layer for API misuse (never by SQLite itself).
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, message: message, sql: sql)
    }
}

extension SQLiteError: DriverFailure {
    /// Busy (another process held the lock past the busy timeout), a unique constraint, or other.
    /// The extended result code (https://www.sqlite.org/rescode.html).
    public var failureCode: String { "sqlite \(code)" }

    public var failureKind: DriverFailureKind {
        isBusy ? .busy : isUniqueConstraint ? .uniqueViolation : .other
    }
}
