import CaseworkTestSupport
import CaseworkUseCases
import Testing
@testable import CaseworkStorage

@Suite(.enabled(if: TemporaryPostgreSQL.enabled, "needs Debian's postgresql (CASEWORK_REQUIRE_POSTGRES=1 makes it required)"))
struct PostgreSQLConnectionTests {
    func connection() throws -> PostgreSQLConnection {
        try PostgreSQLConnection(try TemporaryPostgreSQL.shared.get().database())
    }

    @Test func valuesRoundTripThroughParametersAndResults() throws {
        let db = try connection()
        try db.executeScript("CREATE TABLE t (i bigint, r double precision, s text, b bytea, f boolean, n bigint)")
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xff]
        let inserted = try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
                                      [.integer(-9_007_199_254_740_993), .real(0.1), .text("Zoë '?' \"x\""), .blob(bytes), .integer(1), .null])
        #expect(inserted == 1)
        let row = try #require(try db.queryOne("SELECT * FROM t WHERE s = ?", [.text("Zoë '?' \"x\"")]))
        #expect(row["i"] == .integer(-9_007_199_254_740_993))
        #expect(row["r"] == .real(0.1))
        #expect(row["s"] == .text("Zoë '?' \"x\""))
        #expect(row["b"] == .blob(bytes))
        #expect(row["f"] == .integer(1))
        #expect(row["n"] == .null)
        // SUM over bigint is numeric in PostgreSQL: read back as an integer when whole.
        #expect(try db.queryOne("SELECT SUM(i) AS total, COUNT(*) AS n, AVG(r) AS mean FROM t")?.values == [
            .integer(-9_007_199_254_740_993), .integer(1), .real(0.1)])
        #expect(try db.execute("UPDATE t SET n = ? WHERE i < ?", [.integer(5), .integer(0)]) == 1)
        #expect(try db.query("SELECT n FROM t").map { $0.int("n") } == [5])
    }

    @Test func questionMarksInsideQuotesAndCommentsAreNotParameters() {
        let numbered = PostgreSQLPlaceholders.numbered("SELECT '?''?', \"a?\" -- why?\n, ? WHERE x = ? AND y = '?'")
        #expect(numbered.sql == "SELECT '?''?', \"a?\" -- why?\n, $1 WHERE x = $2 AND y = '?'")
        #expect(numbered.count == 2)
    }

    @Test func aUniqueViolationIsReportedAsSuchAndTheConnectionGoesOn() throws {
        let db = try connection()
        try db.executeScript("CREATE TABLE u (k text PRIMARY KEY)")
        try db.execute("INSERT INTO u VALUES (?)", ["a"])
        #expect(throws: PostgreSQLError.self) { try db.execute("INSERT INTO u VALUES (?)", ["a"]) }
        do {
            try db.execute("INSERT INTO u VALUES (?)", ["a"])
        } catch {
            #expect(StorageError.isUniqueViolation(error))
            #expect((error as? PostgreSQLError)?.sqlState == "23505")
        }
        #expect(try db.query("SELECT k FROM u").count == 1)
        #expect(!db.isInTransaction)
    }

    @Test func aWrongParameterCountOrNulInTextIsRefusedBeforeTheServer() throws {
        let db = try connection()
        #expect(throws: PostgreSQLError.self) { try db.query("SELECT ? AS a", []) }
        do {
            _ = try db.query("SELECT ? AS a", [.text("a\u{0}b")])
            Issue.record("NUL in text was sent")
        } catch let error as PostgreSQLError {
            #expect(error.sqlState == "22021")
        }
    }

    @Test func aFailedStatementInATransactionLeavesItToBeRolledBack() throws {
        let db = try connection()
        try db.executeScript("CREATE TABLE v (k integer)")
        try db.executeScript("BEGIN")
        try db.execute("INSERT INTO v VALUES (?)", [.integer(1)])
        #expect(throws: PostgreSQLError.self) { try db.execute("INSERT INTO v VALUES (?)", [.text("not a number")]) }
        #expect(db.isInTransaction)
        db.rollbackIfInTransaction()
        #expect(!db.isInTransaction)
        #expect(try db.query("SELECT k FROM v").isEmpty)
    }
}
