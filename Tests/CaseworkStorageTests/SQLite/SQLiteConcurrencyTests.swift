import Foundation
import Testing
@testable import CaseworkStorage

/// Real threads against one database file. Steps are ordered with semaphores, never with sleeps;
/// every wait has a generous timeout so that a bug fails the test instead of hanging it.
@Suite("SQLite concurrency: WAL snapshots, serialized writes, unique races")
struct SQLiteConcurrencyTests {
    static let schema = Migration(version: 1, name: "schema", sql: """
        CREATE TABLE counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
        INSERT INTO counter (id, value) VALUES (1, 0);
        CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE assignments (
            id      INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL,
            user    TEXT NOT NULL,
            active  INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX one_active_assignment_per_case ON assignments (case_id) WHERE active = 1;
        """)

    static func itemCount(_ connection: any SQLExecutor) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM items")!.int("n")
    }

    @Test("journal_mode is wal and reads see committed writes")
    func walAndVisibility() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            let journalMode = try database.read { try $0.queryOne("PRAGMA journal_mode")?.string("journal_mode") }
            #expect(journalMode == "wal")
            try database.write { try $0.execute("INSERT INTO items (name) VALUES ('first')") }
            let count = try database.read { try Self.itemCount($0) }
            #expect(count == 1)
            // From another thread, too.
            let seen = SQLiteTestLocked<Int?>(nil)
            let done = SQLiteTestSupport.startThread {
                seen.withLock { $0 = try? database.read { try Self.itemCount($0) } }
            }
            #expect(SQLiteTestSupport.wait(done))
            #expect(seen.current == 1)
        }
    }

    @Test("a read's snapshot is stable while a writer commits concurrently")
    func snapshotIsStable() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { try $0.execute("INSERT INTO items (name) VALUES ('before')") }

            let snapshotTaken = DispatchSemaphore(value: 0)
            let writerCommitted = DispatchSemaphore(value: 0)
            let observed = SQLiteTestLocked<[Int]>([])
            let failure = SQLiteTestLocked<String?>(nil)
            let readerDone = SQLiteTestSupport.startThread {
                do {
                    try database.read { connection in
                        observed.withLock { $0.append((try? Self.itemCount(connection)) ?? -1) }
                        snapshotTaken.signal()
                        guard SQLiteTestSupport.wait(writerCommitted) else { throw SQLiteTestError() }
                        observed.withLock { $0.append((try? Self.itemCount(connection)) ?? -1) }
                        let names = try connection.query("SELECT name FROM items ORDER BY id").map { $0.string("name") }
                        observed.withLock { $0.append(names.count) }
                    }
                } catch {
                    failure.withLock { $0 = "\(error)" }
                    snapshotTaken.signal()
                }
            }

            #expect(SQLiteTestSupport.wait(snapshotTaken))
            // The reader is inside its transaction with its snapshot; commit a new row now.
            try database.write { try $0.execute("INSERT INTO items (name) VALUES ('during')") }
            // The commit is visible to a fresh read…
            let freshCount = try database.read { try Self.itemCount($0) }
            #expect(freshCount == 2)
            writerCommitted.signal()
            #expect(SQLiteTestSupport.wait(readerDone))
            #expect(failure.current == nil)
            // …but not to the read that started before it.
            #expect(observed.current == [1, 1, 1])
            // Once that read has ended, its connection sees the new row too.
            let laterCount = try database.read { try Self.itemCount($0) }
            #expect(laterCount == 2)
        }
    }

    @Test("8 threads × 200 read-modify-write increments end at exactly 1600")
    func serializedWrites() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            let errors = SQLiteTestLocked<[String]>([])
            let finished = SQLiteTestSupport.runOnThreads(8) { _ in
                for _ in 0..<200 {
                    do {
                        try database.write { connection in
                            // Read then write in Swift: only correct if writes are truly serialized.
                            let value = try connection.queryOne("SELECT value FROM counter WHERE id = 1")!.int("value")
                            try connection.execute("UPDATE counter SET value = ? WHERE id = 1", [SQLValue(value + 1)])
                        }
                    } catch {
                        errors.withLock { $0.append("\(error)") }
                    }
                }
            }
            #expect(finished)
            #expect(errors.current.isEmpty)
            let counter = try database.read { try $0.queryOne("SELECT value FROM counter")!.int("value") }
            #expect(counter == 1600)
        }
    }

    @Test("a partial unique index admits exactly one of 20 concurrent active assignments")
    func partialUniqueIndexRace() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            // Inactive rows are outside the partial index: several are fine.
            try database.write { connection in
                try connection.execute("INSERT INTO assignments (case_id, user, active) VALUES (1, 'old-1', 0)")
                try connection.execute("INSERT INTO assignments (case_id, user, active) VALUES (1, 'old-2', 0)")
            }
            let successes = SQLiteTestLocked<[Int]>([])
            let uniqueViolations = SQLiteTestLocked(0)
            let otherErrors = SQLiteTestLocked<[String]>([])
            let finished = SQLiteTestSupport.runOnThreads(20) { index in
                do {
                    try database.write { connection in
                        try connection.execute("INSERT INTO assignments (case_id, user, active) VALUES (1, ?, 1)", [.text("user-\(index)")])
                    }
                    successes.withLock { $0.append(index) }
                } catch let error as SQLiteError where error.isUniqueConstraint {
                    uniqueViolations.withLock { $0 += 1 }
                } catch {
                    otherErrors.withLock { $0.append("\(error)") }
                }
            }
            #expect(finished)
            #expect(successes.current.count == 1)
            #expect(uniqueViolations.current == 19)
            #expect(otherErrors.current.isEmpty)
            let active = try database.read { try $0.query("SELECT user FROM assignments WHERE case_id = 1 AND active = 1") }
            let activeUsers = active.map { $0.string("user") }
            let expectedUsers = successes.current.map { "user-\($0)" }
            #expect(activeUsers == expectedUsers)
            let total = try database.read { try $0.queryOne("SELECT count(*) AS n FROM assignments")!.int("n") }
            #expect(total == 3)
        }
    }

    @Test("many threads reading concurrently with a writer all see consistent, growing snapshots")
    func readersAlongsideWriter() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema], readerCount: 3) { database throws in
            let problems = SQLiteTestLocked<[String]>([])
            let finished = SQLiteTestSupport.runOnThreads(7) { index in
                for step in 0..<50 {
                    do {
                        if index == 0 {
                            // The writer keeps `counter.value` equal to the number of items.
                            try database.write { connection in
                                try connection.execute("INSERT INTO items (name) VALUES (?)", [.text("item-\(step)")])
                                try connection.execute("UPDATE counter SET value = value + 1 WHERE id = 1")
                            }
                        } else {
                            try database.read { connection in
                                let items = try Self.itemCount(connection)
                                let counter = try connection.queryOne("SELECT value FROM counter")!.int("value")
                                if items != counter { problems.withLock { $0.append("items \(items) ≠ counter \(counter)") } }
                            }
                        }
                    } catch {
                        problems.withLock { $0.append("\(error)") }
                    }
                }
            }
            #expect(finished)
            #expect(problems.current.isEmpty)
            let items = try database.read { try Self.itemCount($0) }
            #expect(items == 50)
        }
    }

    @Test("with one reader connection, a second read waits until the first has finished")
    func readersAreExclusive() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema], readerCount: 1) { database throws in
            let firstInside = DispatchSemaphore(value: 0)
            let releaseFirst = DispatchSemaphore(value: 0)
            let firstFinished = SQLiteTestLocked(false)
            let secondSawFirstFinished = SQLiteTestLocked<Bool?>(nil)

            let first = SQLiteTestSupport.startThread {
                _ = try? database.read { _ in
                    firstInside.signal()
                    _ = SQLiteTestSupport.wait(releaseFirst)
                    firstFinished.withLock { $0 = true }
                }
            }
            #expect(SQLiteTestSupport.wait(firstInside))
            let second = SQLiteTestSupport.startThread {
                _ = try? database.read { _ in
                    secondSawFirstFinished.withLock { $0 = firstFinished.current }
                }
            }
            releaseFirst.signal()
            #expect(SQLiteTestSupport.wait(first))
            #expect(SQLiteTestSupport.wait(second))
            #expect(secondSawFirstFinished.current == true)
        }
    }
}
