/// Casework compares and orders text as SQLite's BINARY collation does, byte by byte: claim-number
/// ranges (`"A1-" <= n < "A1."` finds the `-N` variants posting gives), keyset cursors, and lists the
/// application merges with what the database sorted. A PostgreSQL database whose default collation
/// follows a language's rules (`en_US.UTF-8`, an ICU locale) orders `"a" < "B"` and skips punctuation,
/// so those ranges would miss rows. The database must collate as `C` (or `C.UTF-8`, `POSIX`).
/// Source: https://www.postgresql.org/docs/15/collation.html
enum PostgreSQLByteOrder {
    /// Checks the default collation of the database `connection` is on by behaviour, whatever its
    /// provider (libc or ICU) names it.
    /// - Throws: `PostgreSQLError` `22023` naming the database and how to create one that collates by bytes.
    static func require(_ connection: PostgreSQLConnection) throws {
        let row = try connection.queryOne(
            "SELECT ('B' < 'a') AND NOT ('ab' < 'a-c') AND ('A1-2' < 'A1.') AS byte_order, current_database() AS name", [])
        guard let row, row.int("byte_order") == 0 else { return }
        let name = row.string("name")
        throw PostgreSQLError(sqlState: "22023", message: """
            database "\(name)" does not order text by bytes (its default collation follows a language's rules); Casework needs \
            byte order, as SQLite's: create the database with CREATE DATABASE \(name) TEMPLATE template0 LOCALE 'C' \
            (or createdb -T template0 --locale=C \(name))
            """, sql: nil)
    }
}
