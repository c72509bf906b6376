import CSQLite

/// Applies pending migrations on the writer connection; used by `SQLiteDatabase.init`.
///
/// For each migration not yet in `schema_migrations`, in ascending version order:
/// `BEGIN IMMEDIATE` → re-check that no other process applied it meanwhile → run the script →
/// `PRAGMA foreign_key_check` (must return no row) → insert into `schema_migrations` → `COMMIT`.
/// Any failure rolls the whole migration back (nothing of it is applied) and is thrown.
///
/// Foreign-key enforcement is switched off while migrations run and back on afterwards (it
/// cannot be changed inside a transaction). This is SQLite's documented procedure for schema
/// changes such as rebuilding a table, where dropping the old table with enforcement on would
/// cascade deletes into, or fail on, child tables; `foreign_key_check` catches real violations
/// instead. Source: https://www.sqlite.org/lang_altertable.html#otheralter
struct MigrationRunner {
    /// Sorted by version, unique.
    let migrations: [Migration]

    /// - Throws: `SQLITE_MISUSE` when two migrations share a version or a version is below 1.
    init(_ migrations: [Migration]) throws {
        var seen: Set<Int> = []
        for migration in migrations {
            guard migration.version >= 1 else {
                throw SQLiteError.misuse("migration \"\(migration.name)\" has version \(migration.version); versions start at 1")
            }
            guard seen.insert(migration.version).inserted else {
                throw SQLiteError.misuse("duplicate migration version \(migration.version)")
            }
        }
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    static let createTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    /// Applies what is pending and returns the versions applied now.
    /// - Throws: `SQLITE_MISUSE` when the database records a version this build does not know (a
    ///   database from a newer build); the failing migration's `SQLiteError`, its message prefixed
    ///   with the migration's version and name, otherwise.
    @discardableResult
    func run(on connection: SQLiteConnection) throws -> [Int] {
        try connection.execute(Self.createTableSQL)
        let applied = Set(try connection.query("SELECT version FROM schema_migrations").map { $0.int("version") })
        let unknown = applied.subtracting(migrations.map(\.version)).sorted()
        guard unknown.isEmpty else {
            throw SQLiteError.misuse("the database has migration(s) \(unknown) that this build does not know; is it from a newer version?")
        }
        let pending = migrations.filter { !applied.contains($0.version) }
        guard !pending.isEmpty else { return [] }

        try connection.execute("PRAGMA foreign_keys = OFF")
        defer { _ = try? connection.execute("PRAGMA foreign_keys = ON") }
        var appliedNow: [Int] = []
        for migration in pending {
            if try apply(migration, on: connection) { appliedNow.append(migration.version) }
        }
        try connection.execute("PRAGMA foreign_keys = ON")
        return appliedNow
    }

    /// Applies one migration in its own transaction; returns false when another process applied it first.
    private func apply(_ migration: Migration, on connection: SQLiteConnection) throws -> Bool {
        do {
            try connection.execute("BEGIN IMMEDIATE")
            if try connection.queryOne("SELECT 1 AS one FROM schema_migrations WHERE version = ?", [SQLValue(migration.version)]) != nil {
                try connection.execute("COMMIT")
                return false
            }
            try connection.executeScript(migration.sql)
            guard connection.isInTransaction else {
                throw SQLiteError.misuse("the script ended the migration's transaction; remove BEGIN/COMMIT/ROLLBACK from it", sql: migration.sql)
            }
            if let violation = try connection.queryOne("PRAGMA foreign_key_check") {
                throw SQLiteError(code: SQLiteExtendedCode.constraintForeignKey,
                                  message: "foreign key violation in table \(violation.string("table")) after the migration",
                                  sql: migration.sql)
            }
            try connection.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                [SQLValue(migration.version), SQLValue(migration.name)])
            try connection.execute("COMMIT")
            return true
        } catch let error as SQLiteError {
            connection.rollbackIfInTransaction()
            throw SQLiteError(code: error.code,
                              message: "migration \(migration.version) (\(migration.name)) failed: \(error.message)",
                              sql: error.sql ?? migration.sql)
        } catch {
            connection.rollbackIfInTransaction()
            throw error
        }
    }
}
