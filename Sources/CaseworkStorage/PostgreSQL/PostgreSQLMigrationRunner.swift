/// Applies the PostgreSQL migration set: versions not yet in `schema_migrations`, in order, each in
/// its own transaction. An advisory lock held for the run makes servers that start together take
/// turns, so each migration is applied once.
/// Source: https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS
struct PostgreSQLMigrationRunner {
    let migrations: [Migration]
    /// The advisory lock's key: "casework" in ASCII, as a bigint.
    static let lockKey = 0x6361_7365_776F_726B

    init(_ migrations: [Migration]) throws {
        guard Set(migrations.map(\.version)).count == migrations.count, migrations.allSatisfy({ $0.version >= 1 }) else {
            throw PostgreSQLError(sqlState: "42P17", message: "PostgreSQL migration versions must be distinct and start at 1", sql: nil)
        }
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// - Throws: `PostgreSQLError` naming the failing migration (nothing of it stays applied), or
    ///   when the database holds a version this build does not know.
    func run(on connection: PostgreSQLConnection) throws {
        try connection.execute("SELECT pg_advisory_lock(?)", [.integer(Int64(Self.lockKey))])
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(?)", [.integer(Int64(Self.lockKey))]) }
        try connection.executeScript("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at text NOT NULL
            )
            """)
        let applied = Set(try connection.query("SELECT version FROM schema_migrations").map { $0.int("version") })
        let unknown = applied.subtracting(migrations.map(\.version)).sorted()
        guard unknown.isEmpty else {
            throw PostgreSQLError(sqlState: "42P17", message: "the database has migration(s) \(unknown) that this build does not know", sql: nil)
        }
        for migration in migrations where !applied.contains(migration.version) {
            do {
                try connection.begin()
                try connection.executeScript(migration.sql)
                try connection.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))",
                    [SQLValue(migration.version), .text(migration.name)])
                try connection.executeScript("COMMIT")
            } catch let error as PostgreSQLError {
                connection.rollbackIfInTransaction()
                throw PostgreSQLError(sqlState: error.sqlState, message: "migration \(migration.version) (\(migration.name)) failed: \(error.message)",
                                      sql: error.sql)
            }
        }
    }
}
