/// One connection's statements, as every repository runs them: `?` parameters bound to
/// `SQLValue`s, rows returned as `SQLRow`s. `SQLiteConnection` and `PostgreSQLConnection` conform.
/// Not thread-safe: used only inside the `SQLDatabase.read` or `write` body that handed it out.
protocol SQLExecutor: AnyObject {
    var dialect: SQLDialect { get }
    /// Has the rest of this write transaction plan its statements for tables that grow as it goes (a bulk
    /// load, an import, a large 835 file); see `PostgreSQLConnection.planForGrowingTables`. SQLite
    /// needs nothing.
    func planForGrowingTables() throws
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
    /// What the driver's page caches hold now, in bytes (0 when the cache is the server's).
    var pageCacheBytes: Int { get }
}

extension SQLExecutor {
    /// Runs `body` inside a savepoint of the open transaction: when it throws, only its own writes are
    /// undone and the transaction goes on. (PostgreSQL refuses every statement of a transaction after a
    /// failed one unless the failure is rolled back to a savepoint; SQLite undoes only the failed statement.)
    /// Source: https://www.sqlite.org/lang_savepoint.html, https://www.postgresql.org/docs/15/sql-savepoint.html
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT nested_write")
        do {
            let result = try body()
            try execute("RELEASE nested_write")
            return result
        } catch {
            _ = try? execute("ROLLBACK TO nested_write")
            _ = try? execute("RELEASE nested_write")
            throw error
        }
    }

    /// Runs `body`, one statement, so that the transaction goes on when it fails: under a savepoint on
    /// PostgreSQL; as it is on SQLite, which undoes only a failed statement (a savepoint there would
    /// cost two statements per call for nothing — a posting links thousands of claims).
    func survivable<T>(_ body: () throws -> T) throws -> T {
        dialect == .postgresql ? try savepoint(body) : try body()
    }

    /// Makes the rest of this write transaction the organization's only writer, for work that reads
    /// what it is about to write (a file posting checks for duplicates, matches payers and patients):
    /// PostgreSQL locks the organization's row until the transaction ends, and a statement after the
    /// lock sees every transaction committed before it; SQLite has one writer at a time already.
    func lockOrganization(_ organizationID: String) throws {
        guard dialect == .postgresql else { return }
        _ = try queryOne("SELECT id FROM organizations WHERE id = ? FOR UPDATE", [.text(organizationID)])
    }

    /// Makes writers that name the same `key` take turns until this write transaction ends: PostgreSQL
    /// holds a transaction-scoped advisory lock on the key's 64-bit hash (a hash shared by two keys only
    /// makes them wait for each other); SQLite has one writer at a time already.
    /// Source: https://www.postgresql.org/docs/15/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS
    func lockKey(_ key: String) throws {
        guard dialect == .postgresql else { return }
        _ = try queryOne("SELECT pg_advisory_xact_lock(hashtextextended(?, 0)) AS locked", [.text(key)])
    }
}
