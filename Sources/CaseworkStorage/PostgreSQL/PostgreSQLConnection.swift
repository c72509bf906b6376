import CPostgreSQL
import Foundation

/// One blocking libpq connection (`PGconn*`) to a PostgreSQL server, with the same calls as
/// `SQLiteConnection`: statements use `?` parameters (numbered for PostgreSQL here) and return
/// `SQLRow`s of `SQLValue`s.
///
/// **Not thread-safe and not `Sendable`**: like a SQLite connection, a pool hands it to one thread
/// at a time. Statements are prepared once per connection (`PQprepare`, named `s1`, `s2`, …; at most
/// `statementCacheCapacity`, then run unprepared with `PQexecParams`). Parameters travel as text,
/// blobs as binary; PostgreSQL infers their types from the statement.
/// Results map by column type: `int2`/`int4`/`int8`/`oid` → `.integer`, `bool` → `.integer` 0/1,
/// `float4`/`float8` → `.real`, `numeric` → `.integer` when whole (e.g. `SUM` of `bigint`) else
/// `.real`, `bytea` → `.blob`, everything else → `.text`.
/// Source: https://www.postgresql.org/docs/15/libpq-exec.html
public final class PostgreSQLConnection: SQLExecutor {
    let dialect = SQLDialect.postgresql
    private let handle: OpaquePointer
    /// Prepared statement names, and the numbered text, by the SQL text given to `execute`/`query`.
    private var prepared: [String: (name: String, numbered: String, parameters: Int)] = [:]
    /// Whether the rest of the open transaction plans each statement for its parameters and the
    /// tables as they are now (`planForGrowingTables`); reset by `begin`.
    private var plansEachRun = false
    static let statementCacheCapacity = 512
    /// Set on every session, and again after a reset: text is UTF-8, times are UTC.
    static let sessionSettings = "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"

    /// Connects with a libpq connection string (`postgres://user@host:port/db` or `host=… port=… dbname=…`).
    /// - Throws: `PostgreSQLError` (`08001`) when the server cannot be reached or refuses the login.
    public init(_ conninfo: String) throws {
        guard let conn = PQconnectdb(conninfo) else {
            throw PostgreSQLError(sqlState: "08001", message: "libpq could not allocate a connection", sql: nil)
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(conn)
            throw PostgreSQLError(sqlState: "08001", message: message, sql: nil)
        }
        handle = conn
        // Notices (e.g. "relation already exists, skipping") would go to stderr; they carry nothing we act on.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        try executeScript(Self.sessionSettings)
    }

    deinit { PQfinish(handle) }

    /// Runs one statement and returns the number of rows it inserted, updated or deleted (0 for others).
    /// - Throws: `PostgreSQLError`.
    @discardableResult
    public func execute(_ sql: String, _ bindings: [SQLValue] = []) throws -> Int {
        let result = try run(sql, bindings)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Runs a query and returns all its rows.
    /// - Throws: `PostgreSQLError`.
    public func query(_ sql: String, _ bindings: [SQLValue] = []) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql, bindings) { rows.append($0); return true }
        return rows
    }

    /// The first row of a query, or nil.
    /// - Throws: `PostgreSQLError`.
    public func queryOne(_ sql: String, _ bindings: [SQLValue] = []) throws -> SQLRow? {
        var first: SQLRow?
        try forEachRow(sql, bindings) { first = $0; return false }
        return first
    }

    /// Hands the query's rows to `body` in order until it returns false. (The whole result is
    /// received first: libpq's default; fine for the pages and exports storage reads.)
    /// - Throws: `PostgreSQLError`, or what `body` throws.
    public func forEachRow(_ sql: String, _ bindings: [SQLValue], _ body: (SQLRow) throws -> Bool) throws {
        let result = try run(sql, bindings)
        defer { PQclear(result) }
        let fieldCount = PQnfields(result)
        let columns = SQLColumns(names: (0..<fieldCount).map { String(cString: PQfname(result, $0)) })
        let types = (0..<fieldCount).map { PQftype(result, $0) }
        for row in 0..<PQntuples(result) {
            let values = (0..<fieldCount).map { field in
                PQgetisnull(result, row, field) == 1 ? SQLValue.null
                    : Self.value(PQgetvalue(result, row, field), length: Int(PQgetlength(result, row, field)), type: types[Int(field)])
            }
            guard try body(SQLRow(columns: columns, values: values)) else { return }
        }
    }

    /// Runs a script of `;`-separated statements (the simple query protocol): no parameters, no rows.
    /// - Throws: `PostgreSQLError` of the first failing statement (earlier ones stay applied outside a transaction).
    public func executeScript(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql)
    }

    /// Begins a transaction (`BEGIN` followed by `mode`, e.g. `ISOLATION LEVEL READ COMMITTED`) whose
    /// statements use the prepared plans until `planForGrowingTables` says otherwise.
    /// - Throws: `PostgreSQLError`.
    func begin(_ mode: String = "") throws {
        plansEachRun = false
        try executeScript(mode.isEmpty ? "BEGIN" : "BEGIN " + mode)
    }

    /// Whether a transaction is open (or failed and not yet rolled back) on this connection.
    var isInTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// Reconnects (`PQreset`, same parameters) when the connection to the server broke, forgetting
    /// the statements prepared on the old session. Quiet when the server is still unreachable: the
    /// next statement then fails with `08006`.
    func reconnectIfBroken() {
        guard PQstatus(handle) != CONNECTION_OK else { return }
        PQreset(handle)
        prepared.removeAll()
        guard PQstatus(handle) == CONNECTION_OK else { return }
        PQclear(PQexec(handle, Self.sessionSettings))
    }

    /// Rolls back the open transaction, if any (errors ignored: the connection is then dropped by its pool).
    func rollbackIfInTransaction() {
        guard isInTransaction else { return }
        PQclear(PQexec(handle, "ROLLBACK"))
    }

    /// Runs the rest of this transaction's statements unnamed (`PQexecParams`), so PostgreSQL plans each
    /// run for its parameters and the tables as they are then, for a transaction that grows tables as it
    /// goes (a bulk load, an import, a large 835 file): a prepared statement switches to one generic plan
    /// after five runs, and one made while a table was nearly empty stays a sequential scan, turning the
    /// load quadratic. Statements that triggers and foreign-key checks run inside the server keep their
    /// cached plans (they look rows up by key): `SET LOCAL plan_cache_mode = force_custom_plan`, used
    /// before, planned every one of them on every row too. Not for every request: planning each run made
    /// a case's GET twice as slow.
    /// Source: https://www.postgresql.org/docs/15/sql-prepare.html (Notes), libpq-exec.html (PQexecParams)
    func planForGrowingTables() throws {
        plansEachRun = true
    }

    // MARK: - Running statements

    /// Prepares `sql` (once) and runs it with `bindings`; the result is the caller's to clear.
    private func run(_ sql: String, _ bindings: [SQLValue]) throws -> OpaquePointer? {
        let statement = try preparedStatement(sql)
        guard statement.parameters == bindings.count else {
            throw PostgreSQLError(sqlState: "08P01", message: "statement takes \(statement.parameters) parameters, \(bindings.count) given", sql: sql)
        }
        let parameters = try PostgreSQLParameters(bindings)
        let result: OpaquePointer? = parameters.withPointers { values, lengths, formats in
            if let name = statement.name, !plansEachRun {
                PQexecPrepared(handle, name, Int32(bindings.count), values, lengths, formats, 0)
            } else {
                PQexecParams(handle, statement.sql, Int32(bindings.count), nil, values, lengths, formats, 0)
            }
        }
        do { try check(result, sql) } catch { PQclear(result); throw error }
        return result
    }

    /// The statement's prepared name (nil past the cache's capacity) and its numbered SQL.
    private func preparedStatement(_ sql: String) throws -> (name: String?, sql: String, parameters: Int) {
        if let known = prepared[sql] { return (known.name, known.numbered, known.parameters) }
        let numbered = PostgreSQLPlaceholders.numbered(sql)
        guard prepared.count < Self.statementCacheCapacity else { return (nil, numbered.sql, numbered.count) }
        let name = "s\(prepared.count + 1)"
        let result = PQprepare(handle, name, numbered.sql, Int32(numbered.count), nil)
        defer { PQclear(result) }
        try check(result, sql)
        prepared[sql] = (name, numbered.sql, numbered.count)
        return (name, numbered.sql, numbered.count)
    }

    /// Throws the result's error unless it succeeded.
    private func check(_ result: OpaquePointer?, _ sql: String) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK, status != PGRES_EMPTY_QUERY else { return }
        let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) } ?? "08006"
        let message = (result.map { String(cString: PQresultErrorMessage($0)) } ?? String(cString: PQerrorMessage(handle)))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        throw PostgreSQLError(sqlState: state, message: message, sql: sql)
    }
}
