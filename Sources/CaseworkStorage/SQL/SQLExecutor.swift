/// The SQL dialect a driver speaks: where the few statements that differ take their form.
enum SQLDialect: Sendable, Equatable {
    case sqlite
    case postgresql
}

/// One connection's statements, as every repository runs them: `?` parameters bound to
/// `SQLValue`s, rows returned as `SQLRow`s. `SQLiteConnection` and `PostgreSQLConnection` conform.
/// Not thread-safe: used only inside the `SQLDatabase.read` or `write` body that handed it out.
protocol SQLExecutor: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs one statement; returns the number of rows it inserted, updated or deleted.
    @discardableResult func execute(_ sql: String, _ bindings: [SQLValue]) throws -> Int
    /// Every row of a query.
    func query(_ sql: String, _ bindings: [SQLValue]) throws -> [SQLRow]
    /// The first row of a query, or nil.
    func queryOne(_ sql: String, _ bindings: [SQLValue]) throws -> SQLRow?
    /// Hands rows to `body` in order until it returns false.
    func forEachRow(_ sql: String, _ bindings: [SQLValue], _ body: (SQLRow) throws -> Bool) throws
    /// Runs `;`-separated statements without parameters or rows.
    func executeScript(_ sql: String) throws
}

extension SQLExecutor {
    /// `execute` without parameters.
    @discardableResult func execute(_ sql: String) throws -> Int { try execute(sql, []) }
    /// `query` without parameters.
    func query(_ sql: String) throws -> [SQLRow] { try query(sql, []) }
    /// `queryOne` without parameters.
    func queryOne(_ sql: String) throws -> SQLRow? { try queryOne(sql, []) }
}

/// A database as repositories use it: read and write transactions over pooled connections.
/// `SQLiteDatabase` and `PostgreSQLDatabase` conform.
protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in a read transaction: one snapshot. Re-entrant (see each driver).
    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T
    /// Runs `body` in a write transaction: all or nothing; nested, it joins as a savepoint.
    func write<T>(_ body: (any SQLExecutor) throws -> T) throws -> T
    /// Makes `rider` board every outermost write transaction from now on (held weakly).
    func setWriteRider(_ rider: any WriteRider)
    /// The versions of the migrations applied, ascending.
    func appliedMigrationVersions() throws -> [Int]
    /// The most the driver's page caches may hold, in bytes (0 when the cache is the server's).
    var pageCacheBudgetBytes: Int { get }
}
