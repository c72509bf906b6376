import Foundation
import Testing
@testable import CaseworkStorage

@Suite("SQLiteConnection: execute, query, streaming, statement cache, errors")
struct SQLiteConnectionTests {
    static let schema = Migration(version: 1, name: "claims", sql: """
        CREATE TABLE claims (
            id           INTEGER PRIMARY KEY,
            claim_number TEXT NOT NULL UNIQUE,
            amount_cents INTEGER NOT NULL DEFAULT 0
        );
        """)

    @Test("execute returns rows changed: DML counts, DDL and SELECT count 0")
    func executeReturnsChanges() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { connection throws in
                #expect(try connection.execute("INSERT INTO claims (claim_number) VALUES (?), (?), (?)", ["A", "B", "C"]) == 3)
                #expect(try connection.execute("UPDATE claims SET amount_cents = 5") == 3)
                #expect(try connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)") == 0)
                #expect(try connection.execute("SELECT * FROM claims") == 0)
                #expect(try connection.execute("UPDATE claims SET amount_cents = 1 WHERE claim_number = ?", ["B"]) == 1)
                #expect(try connection.execute("DELETE FROM claims WHERE claim_number = ?", ["nope"]) == 0)
                #expect(try connection.execute("DELETE FROM claims") == 3)
            }
        }
    }

    @Test("lastInsertRowID is the rowid of the last INSERT")
    func lastInsertRowID() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { connection throws in
                try connection.execute("INSERT INTO claims (id, claim_number) VALUES (41, 'X')")
                #expect((connection as! SQLiteConnection).lastInsertRowID == 41)
                try connection.execute("INSERT INTO claims (claim_number) VALUES ('Y')")
                #expect((connection as! SQLiteConnection).lastInsertRowID == 42)
            }
        }
    }

    @Test("query returns all rows in order; queryOne the first or nil")
    func queryAndQueryOne() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { connection throws in
                for i in 1...5 { try connection.execute("INSERT INTO claims (claim_number, amount_cents) VALUES (?, ?)", [.text("C\(i)"), SQLValue(i * 100)]) }
            }
            try database.read { connection throws in
                let rows = try connection.query("SELECT claim_number, amount_cents AS cents FROM claims ORDER BY id")
                let numbers = rows.map { $0.string("claim_number") }
                let cents = rows.map { $0.int("cents") }
                #expect(numbers == ["C1", "C2", "C3", "C4", "C5"])
                #expect(cents == [100, 200, 300, 400, 500])
                #expect(try connection.query("SELECT * FROM claims WHERE id < 0").isEmpty)
                #expect(try connection.queryOne("SELECT claim_number FROM claims ORDER BY id DESC")?.string("claim_number") == "C5")
                #expect(try connection.queryOne("SELECT claim_number FROM claims WHERE id < 0") == nil)
            }
        }
    }

    @Test("forEachRow stops early when the body returns false, and the statement is reusable afterwards")
    func forEachRowStopsEarly() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { connection throws in
                for i in 0..<100 { try connection.execute("INSERT INTO claims (claim_number) VALUES (?)", [.text("C\(i)")]) }
            }
            try database.read { connection throws in
                var seen: [String] = []
                try connection.forEachRow("SELECT claim_number FROM claims ORDER BY id", []) { row in
                    seen.append(row.string("claim_number"))
                    return seen.count < 10
                }
                let firstTen = (0..<10).map { "C\($0)" }
                #expect(seen == firstTen)

                var all = 0
                try connection.forEachRow("SELECT claim_number FROM claims ORDER BY id", []) { _ in
                    all += 1
                    return true
                }
                #expect(all == 100)
            }
        }
    }

    @Test("an error thrown by the forEachRow body is rethrown and the statement reset")
    func forEachRowBodyThrows() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { try $0.execute("INSERT INTO claims (claim_number) VALUES ('A'), ('B')") }
            try database.read { connection throws in
                #expect(throws: SQLiteTestError.self) {
                    try connection.forEachRow("SELECT * FROM claims", []) { _ in throw SQLiteTestError() }
                }
                #expect(try connection.query("SELECT * FROM claims").count == 2)
            }
        }
    }

    @Test("the same SQL can run inside a forEachRow body over it (re-entrant statement use)")
    func reentrantSameSQL() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { try $0.execute("INSERT INTO claims (claim_number) VALUES ('A'), ('B'), ('C')") }
            let pairs = try database.read { connection throws in
                var pairs = 0
                let sql = "SELECT claim_number FROM claims ORDER BY claim_number"
                try connection.forEachRow(sql, []) { _ in
                    pairs += try connection.query(sql).count
                    return true
                }
                return pairs
            }
            #expect(pairs == 9)
        }
    }

    @Test("statement cache: the same SQL 1000 times, with failures in between that do not poison it")
    func statementCache() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { connection throws in
                let insert = "INSERT INTO claims (claim_number, amount_cents) VALUES (?, ?)"
                try connection.execute(insert, ["warm-up", 0])
                let cachedBefore = (connection as! SQLiteConnection).cachedStatementCount
                for i in 0..<1000 {
                    try connection.execute(insert, [.text("C\(i)"), SQLValue(i)])
                    if i % 100 == 50 {
                        // A constraint failure at step time on the cached statement…
                        let error = #expect(throws: SQLiteError.self) {
                            try connection.execute(insert, [.text("C\(i)"), 0])
                        }
                        #expect(error?.isUniqueConstraint == true)
                        // …and a wrong number of bindings: both leave it reusable.
                        let bindError = #expect(throws: SQLiteError.self) { try connection.execute(insert, ["only one"]) }
                        #expect(bindError?.code == 25) // SQLITE_RANGE
                    }
                }
                #expect((connection as! SQLiteConnection).cachedStatementCount == cachedBefore, "one cached statement, reused")
                #expect(try connection.queryOne("SELECT count(*) AS n, sum(amount_cents) AS total FROM claims WHERE claim_number != 'warm-up'")?.int("n") == 1000)
                #expect(try connection.queryOne("SELECT sum(amount_cents) AS total FROM claims")?.int("total") == (0..<1000).reduce(0, +))
            }
        }
    }

    @Test("a query failing mid-step leaves its cached statement usable for the next call")
    func failingQueryThenSucceeding() throws {
        try SQLiteTestSupport.withDatabase { database throws in
            try database.read { connection throws in
                let sql = "SELECT abs(?) AS v"
                let error = #expect(throws: SQLiteError.self) { try connection.queryOne(sql, [.integer(Int64.min)]) }
                #expect(error?.message.contains("integer overflow") == true)
                #expect(error?.sql == sql)
                #expect(try connection.queryOne(sql, [-5])?.int("v") == 5)
            }
        }
    }

    @Test("execute rejects several statements, empty SQL and syntax errors with a descriptive error")
    func misuse() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { connection throws in
                let several = #expect(throws: SQLiteError.self) {
                    try connection.execute("INSERT INTO claims (claim_number) VALUES ('A'); DELETE FROM claims")
                }
                #expect(several?.code == 21) // SQLITE_MISUSE
                #expect(try connection.query("SELECT * FROM claims").isEmpty, "nothing of it ran")
                // Trailing semicolons, whitespace and comments are fine.
                #expect(try connection.execute("INSERT INTO claims (claim_number) VALUES ('A'); -- done\n ;  ") == 1)
                let empty = #expect(throws: SQLiteError.self) { try connection.execute("  -- nothing ") }
                #expect(empty?.code == 21)
                let syntax = #expect(throws: SQLiteError.self) { try connection.execute("SELEC 1") }
                #expect(syntax?.code == 1) // SQLITE_ERROR
                #expect(syntax?.description.contains("SELEC 1") == true)
                let missing = #expect(throws: SQLiteError.self) { try connection.query("SELECT * FROM no_such_table") }
                #expect(missing?.message.contains("no_such_table") == true)
            }
        }
    }

    @Test("executeScript runs several statements and reports the failing one's error")
    func executeScript() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database throws in
            try database.write { connection throws in
                try connection.executeScript("""
                    INSERT INTO claims (claim_number) VALUES ('A');
                    INSERT INTO claims (claim_number) VALUES ('B');
                    """)
                #expect(try connection.query("SELECT * FROM claims").count == 2)
                let error = #expect(throws: SQLiteError.self) {
                    try connection.executeScript("INSERT INTO claims (claim_number) VALUES ('C'); INSERT INTO claims (claim_number) VALUES ('A');")
                }
                #expect(error?.isUniqueConstraint == true)
                #expect(error?.code == 2067)
            }
        }
    }

    @Test("the statement cache stays bounded when many distinct SQL texts run")
    func cacheIsBounded() throws {
        try SQLiteTestSupport.withDatabase { database throws in
            try database.read { connection throws in
                for i in 0..<(SQLiteConnection.statementCacheCapacity + 50) {
                    #expect(try connection.queryOne("SELECT \(i) AS v")?.int("v") == i)
                }
                #expect((connection as! SQLiteConnection).cachedStatementCount <= SQLiteConnection.statementCacheCapacity)
            }
        }
    }
}
