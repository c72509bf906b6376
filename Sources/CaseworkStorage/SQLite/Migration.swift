/// One schema migration: a version number, a name and the SQL script that applies it.
///
/// Migrations are applied by `SQLiteDatabase.init` in ascending `version` order, each in its own
/// transaction, and recorded in `schema_migrations(version, name, applied_at)`.
/// The script runs with `sqlite3_exec` and must not contain `BEGIN`/`COMMIT`/`ROLLBACK`
/// (the runner owns the transaction) nor `PRAGMA foreign_keys` (it is off while migrations run,
/// and checked with `PRAGMA foreign_key_check` before each commit; see `MigrationRunner`).
public struct Migration: Sendable {
    /// The version, e.g. 1 for `0001_init.sql`. Unique among the migrations given; ≥ 1.
    public let version: Int
    /// A name for humans and diagnostics, e.g. `init` for `0001_init.sql`.
    public let name: String
    /// The SQL script (one or more statements).
    public let sql: String

    /// Creates a migration from its parts.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Creates a migration from a file name of the form `<digits>_<name>.sql`, e.g.
    /// `0001_init.sql` → version 1, name `init`. (Addition to the agreed API.)
    /// - Throws: `SQLiteError` (`SQLITE_MISUSE`) when the name does not start with digits
    ///   followed by `_` or `.sql`.
    public init(fileName: String, sql: String) throws {
        var stem = Substring(fileName)
        if stem.hasSuffix(".sql") { stem = stem.dropLast(4) }
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        let rest = stem.dropFirst(digits.count)
        guard !digits.isEmpty, let version = Int(digits), rest.isEmpty || rest.hasPrefix("_") else {
            throw SQLiteError.misuse("migration file name \"\(fileName)\" is not of the form 0001_name.sql")
        }
        self.init(version: version, name: String(rest.dropFirst()), sql: sql)
    }
}
