import ArgumentParser
import CaseworkStorage
import Foundation

/// Where a command's database is: an SQLite file (`--db FILE`, the embedded default) or a PostgreSQL
/// database several servers share (`--database postgres://user@host:port/name`, or the
/// `CASEWORK_DATABASE` environment variable). Exactly one.
struct DatabaseLocation: ParsableArguments {
    @Option(help: "SQLite database file (created if absent).")
    var db: String?

    @Option(help: ArgumentHelp("PostgreSQL connection URL, e.g. postgres://casework@db.internal:5432/casework (default: CASEWORK_DATABASE).",
                               valueName: "url"))
    var database: String?

    /// The PostgreSQL URL from the option, else from `CASEWORK_DATABASE` unless `--db` was given.
    var postgreSQL: String? {
        database ?? (db == nil ? ProcessInfo.processInfo.environment["CASEWORK_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } : nil)
    }

    func validate() throws {
        if db != nil && database != nil { throw ValidationError("Give --db or --database, not both.") }
        if db == nil && postgreSQL == nil {
            throw ValidationError("Give --db FILE (SQLite) or --database postgres://… (or set CASEWORK_DATABASE).")
        }
        if let url = postgreSQL, !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
            throw ValidationError("--database takes a postgres:// or postgresql:// URL; an SQLite file goes to --db.")
        }
    }

    /// Opens the database, applying pending migrations.
    func open() throws -> CaseworkStore {
        if let url = postgreSQL { return try CaseworkStore(postgreSQL: url) }
        return try CaseworkStore(path: db ?? "")
    }
}
