import CaseworkTestSupport
import CaseworkUseCases
import Dispatch
import Synchronization
import Testing
@testable import CaseworkStorage

@Suite(.enabled(if: TemporaryPostgreSQL.enabled, "needs Debian's postgresql (CASEWORK_REQUIRE_POSTGRES=1 makes it required)"))
struct PostgreSQLDatabaseTests {
    static let schema = Migration(version: 1, name: "0001_items.sql", sql: "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)")

    func database() throws -> PostgreSQLDatabase {
        try PostgreSQLDatabase(conninfo: try TemporaryPostgreSQL.shared.get().database(), migrations: [Self.schema], connections: 2)
    }

    func names(_ db: PostgreSQLDatabase) throws -> [String] {
        try db.read { try $0.query("SELECT name FROM items ORDER BY id").map { $0.string("name") } }
    }

    @Test func migrationsApplyOnceAcrossOpenings() throws {
        let conninfo = try TemporaryPostgreSQL.shared.get().database()
        let first = try PostgreSQLDatabase(conninfo: conninfo, migrations: [Self.schema], connections: 1)
        try first.write { try $0.execute("INSERT INTO items VALUES (1, 'kept')") }
        let second = try PostgreSQLDatabase(conninfo: conninfo, migrations: [Self.schema], connections: 1)
        #expect(try second.appliedMigrationVersions() == [1])
        #expect(try names(second) == ["kept"])
        #expect(throws: PostgreSQLError.self) { try PostgreSQLDatabase(conninfo: conninfo, migrations: [], connections: 1) }
    }

    @Test func aDatabaseThatDoesNotOrderTextByBytesIsRefusedBeforeAnyMigration() throws {
        // An ICU locale (always built into Debian's PostgreSQL, unlike libc's en_US) sorts "a" before "B".
        let conninfo = try TemporaryPostgreSQL.shared.get().database(options: "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'")
        let error = #expect(throws: PostgreSQLError.self) { try PostgreSQLDatabase(conninfo: conninfo, migrations: [Self.schema], connections: 1) }
        #expect(error?.sqlState == "22023" && error?.message.contains("LOCALE 'C'") == true)
        let check = try PostgreSQLConnection(conninfo)
        #expect(try check.query("SELECT 1 FROM pg_tables WHERE tablename = 'items'", []).isEmpty)
        // The same server's byte-ordered databases open.
        _ = try database()
    }

    @Test func aThrowingBodyLeavesNothingAndANestedWriteIsASavepoint() throws {
        let db = try database()
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try db.write { tx in
                try tx.execute("INSERT INTO items VALUES (1, 'lost')")
                throw Refused()
            }
        }
        try db.write { tx in
            try tx.execute("INSERT INTO items VALUES (2, 'outer')")
            #expect(throws: Refused.self) {
                try db.write { inner in
                    try inner.execute("INSERT INTO items VALUES (3, 'inner')")
                    throw Refused()
                }
            }
            // The outer transaction goes on after its savepoint was rolled back.
            try tx.execute("INSERT INTO items VALUES (4, 'after')")
        }
        #expect(try names(db) == ["outer", "after"])
    }

    @Test func aWriteInsideAReadCommitsOnItsOwnAndTheReadKeepsItsSnapshot() throws {
        let db = try database()
        try db.write { try $0.execute("INSERT INTO items VALUES (1, 'one')") }
        let seen = try db.read { tx -> (before: Int, after: Int) in
            let before = try tx.query("SELECT id FROM items").count
            try db.write { try $0.execute("INSERT INTO items VALUES (2, 'two')") }
            return (before, try tx.query("SELECT id FROM items").count)
        }
        #expect(seen.before == 1 && seen.after == 1)
        #expect(try names(db) == ["one", "two"])
    }

    @Test func aLostSerializationRaceRunsTheBodyAgainThenSurfacesAsBusy() throws {
        let db = try database()
        let attempts = Mutex(0)
        try db.write { tx in
            let attempt = attempts.withLock { n in n += 1; return n }
            try tx.execute("INSERT INTO items VALUES (?, 'try')", [.integer(Int64(attempt))])
            if attempt == 1 { throw PostgreSQLError(sqlState: "40001", message: "could not serialize access", sql: nil) }
        }
        #expect(attempts.withLock { $0 } == 2)
        #expect(try db.read { try $0.query("SELECT id FROM items").map { $0.int("id") } } == [2])
        attempts.withLock { $0 = 0 }
        do {
            try db.write { _ in
                attempts.withLock { $0 += 1 }
                throw PostgreSQLError(sqlState: "40P01", message: "deadlock detected", sql: nil)
            }
            Issue.record("a deadlock every time did not surface")
        } catch {
            #expect(StorageError.isBusy(error))
        }
        #expect(attempts.withLock { $0 } == PostgreSQLDatabase.retries + 1)
    }

    @Test func writersOnTwoSessionsQueueOnARowAndBothLand() throws {
        let db = try database()
        try db.write { try $0.execute("INSERT INTO items VALUES (1, '0')") }
        DispatchQueue.concurrentPerform(iterations: 20) { _ in
            try? db.write { tx in
                let current = try tx.queryOne("SELECT name FROM items WHERE id = 1 FOR UPDATE")!.string("name")
                try tx.execute("UPDATE items SET name = ? WHERE id = 1", [.text(String(Int(current)! + 1))])
            }
        }
        #expect(try names(db) == ["20"])
    }
}
