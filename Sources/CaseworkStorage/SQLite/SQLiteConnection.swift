import CSQLite

/// One SQLite connection (`sqlite3*`), with a cache of prepared statements keyed by SQL text.
///
/// **Not thread-safe and not `Sendable`.** It is opened with `SQLITE_OPEN_NOMUTEX` (SQLite's
/// "multi-thread" mode: no per-call mutex), which is safe because `SQLiteDatabase` hands each
/// connection to one thread at a time. Only use the connection passed to a
/// `SQLiteDatabase.read`/`write` body, and only inside that body; never keep it.
/// Source: https://www.sqlite.org/threadsafe.html
///
/// Every connection has extended result codes on (`sqlite3_extended_result_codes`) and a busy
/// timeout of 5000 ms (`sqlite3_busy_timeout`): a lock held by another process is retried for up to
/// 5 s before `SQLiteError.isBusy` is thrown.
public final class SQLiteConnection: SQLExecutor {
    let dialect = SQLDialect.sqlite
    /// The raw handle, for this module only.
    let handle: OpaquePointer
    /// Cached statements by exact SQL text. Bounded (least recently used evicted first).
    private var cache: [String: SQLiteStatement] = [:]
    private var clock: UInt64 = 0
    /// Maximum number of cached prepared statements per connection.
    static let statementCacheCapacity = 256
    /// Busy timeout set on every connection (ms). Source: https://www.sqlite.org/c3ref/busy_timeout.html
    static let busyTimeoutMilliseconds: Int32 = 5000

    /// Opens `path` with `flags` (plus `SQLITE_OPEN_NOMUTEX` and `SQLITE_OPEN_EXRESCODE`).
    /// - Throws: `SQLiteError` when SQLite cannot open the file (e.g. `SQLITE_CANTOPEN`).
    init(path: String, flags: Int32) throws {
        _ = Self.memoryStatisticsOff
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError.from(db, rc: rc, sql: nil)
            // A handle is usually allocated even when opening fails; it must be closed.
            sqlite3_close_v2(db)
            throw SQLiteError(code: error.code, message: "cannot open \(path): \(error.message)", sql: nil)
        }
        handle = db
        // From here on `deinit` closes the handle if init throws.
        try check(sqlite3_extended_result_codes(db, 1), nil)
        try check(sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds), nil)
    }

    /// Turns SQLite's process-wide memory statistics off (`SQLITE_CONFIG_MEMSTATUS`) before the
    /// first connection opens (SQLite initialises itself then, after which the setting is refused
    /// with `SQLITE_MISUSE`). With them on, every `sqlite3_malloc` and `sqlite3_free` of every
    /// connection takes one global mutex: under concurrent reads the workers queued on it (perf:
    /// `pthread_mutex_lock` from `sqlite3Malloc`, `sqlite3_free`, `sqlite3VdbeMemGrow`, and futex
    /// waits). What the page caches hold is read per connection instead (`pageCacheBytes`).
    /// Holds SQLite's answer: `SQLITE_OK`, or `SQLITE_MISUSE` when SQLite was already initialised.
    /// Source: https://www.sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus
    static let memoryStatisticsOff: Int32 = casework_sqlite3_disable_memstatus()

    /// Bytes this connection's page cache holds now (`SQLITE_DBSTATUS_CACHE_USED`: pages × their
    /// size with headers, over the main database and any attached one). Call it only where the
    /// connection may be used (inside its `read`/`write` body or while the pool lends it out).
    /// Source: https://www.sqlite.org/c3ref/c_dbstatus_options.html#sqlitedbstatuscacheused
    var pageCacheBytes: Int {
        var current: Int32 = 0, highest: Int32 = 0
        guard sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_USED, &current, &highest, 0) == SQLITE_OK else { return 0 }
        return Int(current)
    }

    deinit {
        // Finalize every statement first, so the close below is immediate (not a "zombie").
        cache.removeAll()
        let rc = sqlite3_close_v2(handle)
        assert(rc == SQLITE_OK, "sqlite3_close_v2 failed: \(rc)")
    }

    // MARK: - Public API

    /// Runs one statement with positional `?` bindings and returns the number of rows it
    /// inserted, updated or deleted (`sqlite3_changes64`; 0 for DDL, PRAGMAs and `SELECT`s, and
    /// rows changed by triggers or foreign-key actions are not counted). Rows a statement returns
    /// (`RETURNING`, PRAGMA results) are stepped through and dropped; use `query` to read them.
    /// The prepared statement is cached by SQL text (`SQLITE_PREPARE_PERSISTENT`) and reset after use,
    /// also when it fails, so a failure never affects the next run of the same SQL.
    /// - Throws: `SQLiteError` — SQLite's (syntax, constraint such as `isUniqueConstraint`,
    ///   `isBusy`, …); `SQLITE_RANGE` when `bindings.count` is not the statement's parameter
    ///   count; `SQLITE_MISUSE` when `sql` holds zero or several statements.
    /// Source: https://www.sqlite.org/c3ref/changes.html
    @discardableResult
    public func execute(_ sql: String, _ bindings: [SQLValue] = []) throws -> Int {
        try withStatement(sql) { statement in
            try statement.bind(bindings)
            let totalBefore = sqlite3_total_changes64(handle)
            while try statement.step() {}
            // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE even after a DDL
            // statement or a SELECT; only trust it when this statement changed something.
            guard sqlite3_total_changes64(handle) != totalBefore else { return 0 }
            return Int(sqlite3_changes64(handle))
        }
    }

    /// Runs a query and returns all its rows (an empty array when there are none).
    /// - Throws: as `execute`.
    public func query(_ sql: String, _ bindings: [SQLValue] = []) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql, bindings) { row in
            rows.append(row)
            return true
        }
        return rows
    }

    /// The first row of a query, or nil when it returns none. Further rows are not read.
    /// - Throws: as `execute`.
    public func queryOne(_ sql: String, _ bindings: [SQLValue] = []) throws -> SQLRow? {
        var first: SQLRow?
        try forEachRow(sql, bindings) { row in
            first = row
            return false
        }
        return first
    }

    /// Nothing to do: SQLite plans a statement when it is prepared and again when the schema's
    /// statistics change, never once for all runs (see `SQLExecutor.planForGrowingTables`).
    func planForGrowingTables() {}

    /// Streams rows to `body` one at a time, without building an array (for CSV and large
    /// exports). Return `false` from `body` to stop early; the statement is then reset and no
    /// further rows are read. An error thrown by `body` stops the iteration and is rethrown.
    /// `body` may run other statements on this connection (even the same SQL: a separate,
    /// uncached statement is used then).
    /// - Throws: as `execute`, or what `body` throws.
    public func forEachRow(_ sql: String, _ bindings: [SQLValue], _ body: (SQLRow) throws -> Bool) throws {
        try withStatement(sql) { statement in
            try statement.bind(bindings)
            var columns: SQLColumns?
            while try statement.step() {
                let names: SQLColumns
                if let columns { names = columns } else { names = try statement.columns(); columns = names }
                guard try body(try statement.row(names)) else { return }
            }
        }
    }

    /// Runs a script of zero or more `;`-separated statements with `sqlite3_exec`; no bindings,
    /// no result rows, not cached. Statements before a failing one stay applied unless the
    /// caller wraps the script in a transaction (as the migration runner does).
    /// - Throws: `SQLiteError` with the extended code and message of the failing statement; `sql` is the whole script.
    /// Source: https://www.sqlite.org/c3ref/exec.html
    public func executeScript(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard rc == SQLITE_OK else {
            let error = SQLiteError.from(handle, rc: rc, sql: sql)
            let message = errorMessage.map { String(cString: $0) } ?? error.message
            throw SQLiteError(code: error.code, message: message, sql: sql)
        }
    }

    /// The rowid of the most recent successful `INSERT` on this connection (0 if none).
    /// Source: https://www.sqlite.org/c3ref/last_insert_rowid.html
    public var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(handle)
    }

    // MARK: - Internal

    /// True while a transaction is open (`sqlite3_get_autocommit` == 0).
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Rolls back the open transaction, if any. Used on error paths, where the original error
    /// matters more: a failing ROLLBACK is ignored here (the next `write` rolls back again first).
    func rollbackIfInTransaction() {
        guard isInTransaction else { return }
        _ = try? execute("ROLLBACK")
    }

    /// Number of statements in the cache (for tests).
    var cachedStatementCount: Int { cache.count }

    /// Runs `body` with a prepared statement for `sql`, from the cache when possible, and always
    /// resets the statement afterwards. A statement already running (re-entrant use of the same SQL)
    /// is not shared: a one-off statement is prepared instead.
    private func withStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement: SQLiteStatement
        clock &+= 1
        if let cached = cache[sql], !cached.isInUse {
            statement = cached
        } else if cache[sql] != nil {
            statement = try SQLiteStatement(db: handle, sql: sql, persistent: false)
        } else {
            statement = try SQLiteStatement(db: handle, sql: sql, persistent: true)
            evictIfFull()
            cache[sql] = statement
        }
        statement.lastUsed = clock
        statement.isInUse = true
        defer {
            statement.reset()
            statement.isInUse = false
        }
        return try body(statement)
    }

    /// Keeps the cache below its capacity by dropping the least recently used idle statement.
    private func evictIfFull() {
        guard cache.count >= Self.statementCacheCapacity else { return }
        var victim: (sql: String, lastUsed: UInt64)?
        for (sql, statement) in cache where !statement.isInUse {
            if victim == nil || statement.lastUsed < victim!.lastUsed { victim = (sql, statement.lastUsed) }
        }
        if let victim { cache[victim.sql] = nil }
    }

    private func check(_ rc: Int32, _ sql: String?) throws {
        guard rc == SQLITE_OK else { throw SQLiteError.from(handle, rc: rc, sql: sql) }
    }
}

/// Explicitly not `Sendable`: a connection must stay on the thread running the current
/// `read`/`write` body (SQLite multi-thread mode, `SQLITE_OPEN_NOMUTEX`).
@available(*, unavailable, message: "SQLiteConnection is confined to one read/write body; pass values out instead")
extension SQLiteConnection: Sendable {}
