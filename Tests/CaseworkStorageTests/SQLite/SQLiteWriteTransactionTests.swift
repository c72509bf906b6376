import Foundation
import Testing
@testable import CaseworkStorage

@Suite("SQLite write transactions, constraints and connection settings")
struct SQLiteWriteTransactionTests {
    static let schema = Migration(version: 1, name: "schema", sql: """
        CREATE TABLE cases (id INTEGER PRIMARY KEY, claim_number TEXT NOT NULL UNIQUE);
        CREATE TABLE notes (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id), body TEXT NOT NULL);
        """)

    static func caseCount(_ database: SQLiteDatabase) throws -> Int {
        try database.read { try $0.queryOne("SELECT count(*) AS n FROM cases")!.int("n") }
    }

    @Test("write commits and returns the body's result")
    func commits() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            let id = try database.write { connection throws in
                try connection.execute("INSERT INTO cases (claim_number) VALUES (?)", ["CLM-1"])
                return (connection as! SQLiteConnection).lastInsertRowID
            }
            #expect(id == 1)
            #expect(try Self.caseCount(database) == 1)
        }
    }

    @Test("write rolls back everything when the body throws, and rethrows")
    func rollsBackOnThrow() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            #expect(throws: SQLiteTestError.self) {
                try database.write { connection in
                    try connection.execute("INSERT INTO cases (claim_number) VALUES ('CLM-1')")
                    try connection.execute("INSERT INTO cases (claim_number) VALUES ('CLM-2')")
                    throw SQLiteTestError()
                }
            }
            #expect(try Self.caseCount(database) == 0)
            // The writer is usable afterwards (no transaction left open).
            try database.write { try $0.execute("INSERT INTO cases (claim_number) VALUES ('CLM-3')") }
            #expect(try Self.caseCount(database) == 1)
        }
    }

    @Test("a unique violation yields isUniqueConstraint and rolls back the whole write")
    func uniqueViolation() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { try $0.execute("INSERT INTO cases (claim_number) VALUES ('CLM-1')") }
            let error = #expect(throws: SQLiteError.self) {
                try database.write { connection in
                    try connection.execute("INSERT INTO cases (claim_number) VALUES ('CLM-2')")
                    try connection.execute("INSERT INTO cases (claim_number) VALUES ('CLM-1')")
                }
            }
            #expect(error?.isUniqueConstraint == true)
            #expect(error?.code == 2067)
            #expect(error?.isForeignKeyConstraint == false)
            #expect(error?.isBusy == false)
            #expect(error?.sql == "INSERT INTO cases (claim_number) VALUES ('CLM-1')")
            #expect(try Self.caseCount(database) == 1, "CLM-2 was rolled back with it")
        }
    }

    @Test("a primary-key violation also counts as isUniqueConstraint")
    func primaryKeyViolation() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { try $0.execute("INSERT INTO cases (id, claim_number) VALUES (7, 'A')") }
            // A rowid alias reports SQLITE_CONSTRAINT_PRIMARYKEY (1555).
            let error = #expect(throws: SQLiteError.self) {
                try database.write { try $0.execute("INSERT INTO cases (id, claim_number) VALUES (7, 'B')") }
            }
            #expect(error?.code == 1555)
            #expect(error?.isUniqueConstraint == true)
        }
    }

    @Test("foreign keys are enforced on writes")
    func foreignKeysEnforced() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            let error = #expect(throws: SQLiteError.self) {
                try database.write { try $0.execute("INSERT INTO notes (case_id, body) VALUES (42, 'orphan')") }
            }
            #expect(error?.isForeignKeyConstraint == true)
            #expect(error?.code == 787)

            try database.write { connection in
                try connection.execute("INSERT INTO cases (id, claim_number) VALUES (1, 'A')")
                try connection.execute("INSERT INTO notes (case_id, body) VALUES (1, 'fine')")
            }
            let delete = #expect(throws: SQLiteError.self) {
                try database.write { try $0.execute("DELETE FROM cases WHERE id = 1") }
            }
            #expect(delete?.isForeignKeyConstraint == true)
        }
    }

    @Test("a statement error caught inside the body does not abort the rest of the write")
    func caughtStatementErrorKeepsTransaction() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { connection in
                try connection.execute("INSERT INTO cases (claim_number) VALUES ('A')")
                #expect(throws: SQLiteError.self) { try connection.execute("INSERT INTO cases (claim_number) VALUES ('A')") }
                try connection.execute("INSERT INTO cases (claim_number) VALUES ('B')")
            }
            #expect(try Self.caseCount(database) == 2)
        }
    }

    @Test("every connection has WAL, synchronous FULL, foreign keys on and a 5 s busy timeout")
    func pragmas() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema], readerCount: 2) { database throws in
            for connectionKind in ["writer", "reader"] {
                let settings = try { () throws -> [String: SQLValue] in
                    let body = { (connection: any SQLExecutor) throws -> [String: SQLValue] in
                        [
                            "journal_mode": try connection.queryOne("PRAGMA journal_mode")!["journal_mode"],
                            "synchronous": try connection.queryOne("PRAGMA synchronous")!["synchronous"],
                            "foreign_keys": try connection.queryOne("PRAGMA foreign_keys")!["foreign_keys"],
                            "busy_timeout": try connection.queryOne("PRAGMA busy_timeout")!["timeout"],
                        ]
                    }
                    return connectionKind == "writer" ? try database.write(body) : try database.read(body)
                }()
                #expect(settings["journal_mode"] == .text("wal"), "\(connectionKind)")
                #expect(settings["synchronous"] == .integer(2), "\(connectionKind): FULL")
                #expect(settings["foreign_keys"] == .integer(1), "\(connectionKind)")
                #expect(settings["busy_timeout"] == .integer(5000), "\(connectionKind)")
            }
        }
    }

    @Test("reader connections are read-only")
    func readersAreReadOnly() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            let error = #expect(throws: SQLiteError.self) {
                try database.read { try $0.execute("INSERT INTO cases (claim_number) VALUES ('A')") }
            }
            #expect(error?.primaryCode == 8) // SQLITE_READONLY
            #expect(try Self.caseCount(database) == 0)
        }
    }

    @Test("a write lock held by another connection (another process) beyond the busy timeout gives isBusy")
    func busy() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            // Plays the other process: a second, independent connection to the same file.
            let other = try SQLiteConnection(path: database.path, flags: 0x0000_0002) // SQLITE_OPEN_READWRITE
            try other.execute("PRAGMA busy_timeout = 0") // fail at once instead of after 5 s
            try database.write { connection in
                try connection.execute("INSERT INTO cases (claim_number) VALUES ('A')")
                let error = #expect(throws: SQLiteError.self) { try other.execute("BEGIN IMMEDIATE") }
                #expect(error?.isBusy == true)
            }
            try other.execute("BEGIN IMMEDIATE")
            try other.execute("COMMIT")
        }
    }

    @Test("read inside write uses the writer and sees its uncommitted changes; read inside read reuses the snapshot")
    func reentrantReads() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema], readerCount: 1) { database throws in
            try database.write { connection in
                try connection.execute("INSERT INTO cases (claim_number) VALUES ('A')")
                #expect(try Self.caseCount(database) == 1)
            }
            // With a single reader, a nested read would wait forever if it took a second connection.
            let nested = try database.read { _ in try database.read { _ in try Self.caseCount(database) } }
            #expect(nested == 1)
        }
    }

    @Test("a write inside a write is a savepoint: it commits with the outer one, and its failure undoes only itself")
    func nestedWriteIsASavepoint() throws {
        struct Refused: Error {}
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema], readerCount: 1) { database throws in
            try database.write { connection in
                try connection.execute("INSERT INTO cases (claim_number) VALUES ('outer')")
                try database.write { inner in try inner.execute("INSERT INTO cases (claim_number) VALUES ('kept')") }
                #expect(throws: Refused.self) {
                    try database.write { inner in
                        try inner.execute("INSERT INTO cases (claim_number) VALUES ('undone')")
                        throw Refused()
                    }
                }
            }
            let kept = try database.read { try $0.query("SELECT claim_number FROM cases ORDER BY claim_number").map { $0.string("claim_number") } }
            #expect(kept == ["kept", "outer"])
            // The outer transaction failing after a nested write succeeded takes both back (an action and its record).
            #expect(throws: Refused.self) {
                try database.write { _ in
                    try database.write { inner in try inner.execute("INSERT INTO cases (claim_number) VALUES ('acted')") }
                    throw Refused()
                }
            }
            #expect(try Self.caseCount(database) == 2)
        }
    }
}
