import CSQLite

/// One prepared statement (`sqlite3_stmt`), owned by exactly one `SQLiteConnection`.
///
/// Internal: callers go through `SQLiteConnection`, which binds, steps, and always resets
/// (`sqlite3_reset` + `sqlite3_clear_bindings`) afterwards, on error paths too, so a cached
/// statement is never left half-run or holding old bindings.
/// Source: https://www.sqlite.org/c3ref/stmt.html
final class SQLiteStatement {
    let handle: OpaquePointer
    /// The connection's handle, for error messages (the connection outlives its statements).
    let db: OpaquePointer
    let sql: String
    /// True while a caller is running this statement (guards the cache against re-entrant use,
    /// e.g. the same SQL run from inside a `forEachRow` body).
    var isInUse = false
    /// Cache recency stamp (larger = used more recently).
    var lastUsed: UInt64 = 0
    /// The column names of the last result set, with SQLite's re-prepare count when they were
    /// read: a cached statement's columns change only when SQLite re-prepares it.
    private var knownColumns: (columns: SQLColumns, reprepares: Int32)?

    /// `SQLITE_TRANSIENT`: tells SQLite to copy bound text/blob bytes before the bind call returns,
    /// so Swift's temporary buffers may go away. The C macro is `((sqlite3_destructor_type)-1)`,
    /// which Swift cannot import. Source: https://www.sqlite.org/c3ref/c_static.html
    static var SQLITE_TRANSIENT: sqlite3_destructor_type {
        unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }

    /// Compiles exactly one statement with `sqlite3_prepare_v3`.
    /// - Parameter persistent: pass `SQLITE_PREPARE_PERSISTENT` (statement will be cached and reused).
    /// - Throws: `SQLiteError` from SQLite on a syntax/schema error; `SQLITE_MISUSE` when `sql`
    ///   holds no statement or more than one (use `executeScript` for scripts).
    init(db: OpaquePointer, sql: String, persistent: Bool) throws {
        self.db = db
        self.sql = sql
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        var statement: OpaquePointer?
        var extra: SQLiteError?
        let rc = sql.withCString { cSQL -> Int32 in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(db, cSQL, -1, flags, &statement, &tail)
            guard rc == SQLITE_OK, statement != nil else { return rc }
            extra = Self.checkNoFurtherStatement(db: db, tail: tail, sql: sql)
            return rc
        }
        guard rc == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw SQLiteError.from(db, rc: rc, sql: sql)
        }
        guard let statement else {
            throw SQLiteError.misuse("no SQL statement to run (empty or only comments)", sql: sql)
        }
        if let extra {
            sqlite3_finalize(statement)
            throw extra
        }
        self.handle = statement
    }

    deinit {
        // The result of finalize repeats the last step's error, already reported: nothing to check.
        sqlite3_finalize(handle)
    }

    /// Returns an error when the text after the first statement holds another statement
    /// (whitespace, comments and stray semicolons are fine).
    private static func checkNoFurtherStatement(db: OpaquePointer, tail: UnsafePointer<CChar>?, sql: String) -> SQLiteError? {
        var rest = tail
        while let current = rest, current.pointee != 0 {
            var next: OpaquePointer?
            var nextTail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(db, current, -1, 0, &next, &nextTail)
            if next != nil {
                sqlite3_finalize(next)
                return .misuse("several SQL statements given to one call; use executeScript for scripts", sql: sql)
            }
            if rc != SQLITE_OK { return .from(db, rc: rc, sql: sql) }
            if nextTail == current { break }
            rest = nextTail
        }
        return nil
    }

    /// Binds `values` to the positional parameters `?1…?n`.
    /// - Throws: `SQLITE_RANGE` when the count differs from the statement's parameter count;
    ///   SQLite's error when a bind fails (e.g. `SQLITE_TOOBIG`).
    func bind(_ values: [SQLValue]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(code: SQLITE_RANGE,
                              message: "statement has \(expected) parameter(s) but \(values.count) value(s) were bound",
                              sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(handle, index)
            case .integer(let v):
                rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v):
                rc = sqlite3_bind_double(handle, index, v)
            case .text(let v):
                var text = v
                rc = text.withUTF8 { bytes in
                    // A nil pointer would bind NULL; bind an empty C string for "".
                    guard let base = bytes.baseAddress, bytes.count > 0 else {
                        return sqlite3_bind_text(handle, index, "", 0, Self.SQLITE_TRANSIENT)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text64(handle, index, $0, sqlite3_uint64(bytes.count), Self.SQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
                    }
                }
            case .blob(let v):
                if v.isEmpty {
                    // sqlite3_bind_blob with a NULL pointer would bind NULL, not an empty blob.
                    rc = sqlite3_bind_zeroblob(handle, index, 0)
                } else {
                    rc = v.withUnsafeBytes { bytes in
                        sqlite3_bind_blob64(handle, index, bytes.baseAddress, sqlite3_uint64(bytes.count), Self.SQLITE_TRANSIENT)
                    }
                }
            }
            guard rc == SQLITE_OK else { throw SQLiteError.from(db, rc: rc, sql: sql) }
        }
    }

    /// Advances one row (`sqlite3_step`). Returns true on `SQLITE_ROW`, false on `SQLITE_DONE`.
    /// - Throws: `SQLiteError` with the extended code for anything else (constraint, busy, …).
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError.from(db, rc: rc, sql: sql)
        }
    }

    /// Resets the statement and clears its bindings, ready for the next use.
    /// `sqlite3_reset` returns the last step's error again, which has already been thrown
    /// from `step()`; `sqlite3_clear_bindings` always returns `SQLITE_OK`.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The result-set column names; call after the first `step()` returned a row, since SQLite
    /// may re-prepare (and change the columns of `SELECT *`) after a schema change.
    func columns() throws -> SQLColumns {
        let reprepares = sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)
        if let known = knownColumns, known.reprepares == reprepares { return known.columns }
        let columns = try readColumns()
        knownColumns = (columns, reprepares)
        return columns
    }

    private func readColumns() throws -> SQLColumns {
        let count = sqlite3_column_count(handle)
        var names: [String] = []
        names.reserveCapacity(Int(count))
        for i in 0..<count {
            guard let name = sqlite3_column_name(handle, i) else {
                throw SQLiteError.from(db, rc: SQLITE_NOMEM, sql: sql)
            }
            names.append(String(cString: name))
        }
        return SQLColumns(names: names)
    }

    /// The current row's values (valid after `step()` returned true).
    func row(_ columns: SQLColumns) throws -> SQLRow {
        let count = Int32(columns.names.count)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for i in 0..<count {
            values.append(try value(at: i))
        }
        return SQLRow(columns: columns, values: values)
    }

    /// Reads one column with its own storage class. Source: https://www.sqlite.org/c3ref/column_blob.html
    private func value(at i: Int32) throws -> SQLValue {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_NULL:
            return .null
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            // Call _text before _bytes (the documented safe order).
            let pointer = sqlite3_column_text(handle, i)
            let count = Int(sqlite3_column_bytes(handle, i))
            guard let pointer else {
                if sqlite3_errcode(db) == SQLITE_NOMEM { throw SQLiteError.from(db, rc: SQLITE_NOMEM, sql: sql) }
                return .text("")
            }
            return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
        default: // SQLITE_BLOB
            let pointer = sqlite3_column_blob(handle, i)
            let count = Int(sqlite3_column_bytes(handle, i))
            guard let pointer, count > 0 else {
                if count > 0 || sqlite3_errcode(db) == SQLITE_NOMEM {
                    throw SQLiteError.from(db, rc: SQLITE_NOMEM, sql: sql)
                }
                return .blob([])
            }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        }
    }
}
