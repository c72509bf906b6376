import Foundation

/// A PostgreSQL database shared by any number of Casework servers: a pool of blocking libpq
/// connections, read and write transactions with the same contract as `SQLiteDatabase`.
///
/// - Writes run in `READ COMMITTED` (PostgreSQL's default): a statement waits for rows another
///   transaction holds and then sees them committed, so every organization's writes queue on its
///   `organizations` row, which each write updates (its data version) in its own transaction.
///   A serialization failure or deadlock (`40001`, `40P01`) rolls the transaction back and runs
///   `body` again, up to `retries` times; then it surfaces as busy.
/// - Reads run in `REPEATABLE READ, READ ONLY`: every statement of a body sees one snapshot.
/// - Nested: a `write` inside a `write` body is a savepoint of it; a `write` inside a `read` body is a
///   transaction of its own on a writer session; a `read` inside any body uses that body's session.
/// - A connection whose server went away is reset (`PQreset`) before its next use.
/// Source: https://www.postgresql.org/docs/15/transaction-iso.html
final class PostgreSQLDatabase: SQLDatabase {
    let dialect = SQLDialect.postgresql
    let pageCacheBudgetBytes = 0
    let pageCacheBytes = 0
    /// Sessions for write transactions and for reads; apart, so that a write made inside a read
    /// body (a token's last use) runs in a transaction of its own, as on SQLite.
    private let writers: ConnectionPool<PostgreSQLConnection>
    private let readers: ConnectionPool<PostgreSQLConnection>
    private let rider = WriteRiderSlot()
    /// How many times a write that lost a serialization race is run again.
    static let retries = 8

    /// Connects `connections` sessions for writes and as many for reads with `conninfo` and applies the
    /// pending `migrations` (each in its own transaction, under an advisory lock so servers starting
    /// together apply each once).
    /// - Throws: `PostgreSQLError` when the server cannot be reached, the database does not order text
    ///   by bytes (`PostgreSQLByteOrder`), or a migration fails.
    init(conninfo: String, migrations: [Migration], connections: Int = 4) throws {
        let count = max(1, connections)
        let writerSessions = try (0..<count).map { _ in try PostgreSQLConnection(conninfo) }
        try PostgreSQLByteOrder.require(writerSessions[0])
        try PostgreSQLMigrationRunner(migrations).run(on: writerSessions[0])
        writers = ConnectionPool(writerSessions, name: "postgresql_writers")
        readers = ConnectionPool(try (0..<count).map { _ in try PostgreSQLConnection(conninfo) }, name: "postgresql_readers")
    }

    func write<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        if let connection = writers.connectionHeldByCurrentThread() {
            return try connection.savepoint { try body(connection) }
        }
        return try writers.withConnection { connection in
            var attempt = 0
            while true {
                attempt += 1
                connection.reconnectIfBroken()
                connection.rollbackIfInTransaction()
                try connection.begin("ISOLATION LEVEL READ COMMITTED")
                let landed = rider.current?.board()
                do {
                    let result = try body(connection)
                    try connection.executeScript("COMMIT")
                    landed?(true)
                    return result
                } catch let error as PostgreSQLError where error.isSerializationFailure && attempt <= Self.retries {
                    connection.rollbackIfInTransaction()
                    landed?(false)
                } catch {
                    connection.rollbackIfInTransaction()
                    landed?(false)
                    throw error
                }
            }
        }
    }

    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        if let connection = writers.connectionHeldByCurrentThread() ?? readers.connectionHeldByCurrentThread() {
            return try body(connection)
        }
        return try readers.withConnection { connection in
            connection.reconnectIfBroken()
            connection.rollbackIfInTransaction()
            try connection.begin("ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            do {
                let result = try body(connection)
                try connection.executeScript("COMMIT")
                return result
            } catch {
                connection.rollbackIfInTransaction()
                throw error
            }
        }
    }

    func setWriteRider(_ rider: any WriteRider) { self.rider.set(rider) }

    func appliedMigrationVersions() throws -> [Int] {
        try read { db in try db.query("SELECT version FROM schema_migrations ORDER BY version").map { $0.int("version") } }
    }
}
