import CSQLitePeer
import Synchronization

/// SQLite's "copy the bound text now" destructor (`SQLITE_TRANSIENT`), which Swift does not import.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

struct SQLFailure: Error, CustomStringConvertible {
    let description: String
}

/// One read-only connection with its prepared statements cached by SQL text, as `casework`'s
/// `SQLiteConnection` does. Used by one request at a time (the pool hands it out), hence unchecked.
final class Connection: @unchecked Sendable {
    private let db: OpaquePointer
    private var statements: [String: Statement] = [:]

    /// A prepared statement and its result columns by name.
    final class Statement {
        let handle: OpaquePointer
        let columns: [String: Int32]

        init(_ handle: OpaquePointer) {
            self.handle = handle
            var columns: [String: Int32] = [:]
            for index in 0..<sqlite3_column_count(handle) {
                // The first column of a name wins, as with `SELECT c.*, ...` where no name repeats.
                let name = String(cString: sqlite3_column_name(handle, index))
                if columns[name] == nil { columns[name] = index }
            }
            self.columns = columns
        }
    }

    /// Opens `path` read-only (the WAL file lets it read while `casework` holds the writer).
    init(path: String, writable: Bool = false) throws {
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let handle else {
            if let handle { sqlite3_close_v2(handle) }
            throw SQLFailure(description: "cannot open \(path): SQLite error \(rc)")
        }
        db = handle
        sqlite3_busy_timeout(db, 5000)
        try execute("PRAGMA foreign_keys = ON")
        if writable { try execute("PRAGMA synchronous = FULL") }
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement.handle) }
        sqlite3_close_v2(db)
    }

    /// Runs SQL without bindings or results (`BEGIN DEFERRED`, `COMMIT`, pragmas).
    func execute(_ sql: String) throws {
        try query(sql, []) { _ in }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
    func write<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(db) == 0 { sqlite3_exec(db, "ROLLBACK", nil, nil, nil) }
            throw error
        }
    }

    /// Runs `body` inside `BEGIN DEFERRED … COMMIT` (one snapshot), rolling back if it throws.
    func read<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN DEFERRED")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(db) == 0 { sqlite3_exec(db, "ROLLBACK", nil, nil, nil) }
            throw error
        }
    }

    /// Steps the cached statement for `sql` with text `bindings`, calling `each` per result row.
    func query(_ sql: String, _ bindings: [String], _ each: (Row) throws -> Void) throws {
        let statement = try prepared(sql)
        let handle = statement.handle
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (offset, value) in bindings.enumerated() {
            let rc = sqlite3_bind_text(handle, Int32(offset + 1), value, -1, transient)
            guard rc == SQLITE_OK else { throw failure(rc, sql) }
        }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_ROW {
                try each(Row(statement: statement))
            } else if rc == SQLITE_DONE {
                return
            } else {
                throw failure(rc, sql)
            }
        }
    }

    private func prepared(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return cached }
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard rc == SQLITE_OK, let handle else { throw failure(rc, sql) }
        let statement = Statement(handle)
        statements[sql] = statement
        return statement
    }

    private func failure(_ rc: Int32, _ sql: String) -> SQLFailure {
        SQLFailure(description: "SQLite error \(rc) (\(String(cString: sqlite3_errmsg(db)))) in: \(sql)")
    }
}

/// The current result row of a statement, read by column name.
struct Row {
    let statement: Connection.Statement

    func text(_ name: String) -> String? {
        guard let index = statement.columns[name],
              sqlite3_column_type(statement.handle, index) != SQLITE_NULL,
              let bytes = sqlite3_column_text(statement.handle, index) else { return nil }
        return String(cString: bytes)
    }

    func string(_ name: String) -> String { text(name) ?? "" }

    func int(_ name: String) -> Int {
        guard let index = statement.columns[name] else { return 0 }
        return Int(sqlite3_column_int64(statement.handle, index))
    }
}

/// Read-only connections handed to one request at a time; a new one is opened when all are busy
/// (at most as many as requests run at once: one per event-loop thread here).
final class ConnectionPool: Sendable {
    let path: String
    private let idle = Mutex<[Connection]>([])
    /// The one read-write connection, opened on first use (token last-use updates only).
    private let writer = Mutex<Connection?>(nil)

    init(path: String) throws {
        self.path = path
        let first = try Connection(path: path)
        idle.withLock { $0.append(first) }
    }

    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? Connection(path: path)
        defer { idle.withLock { $0.append(connection) } }
        return try body(connection)
    }

    /// Runs `body` in a write transaction on the single writer connection.
    func write(_ body: (Connection) throws -> Void) throws {
        try writer.withLock { writer in
            let connection = try writer ?? Connection(path: path, writable: true)
            writer = connection
            try connection.write { try body(connection) }
        }
    }
}
