import Foundation
import Testing
@testable import CaseworkStorage

@Suite("SQLite SQLValue round-trips and SQLRow accessors")
struct SQLiteValueRoundTripTests {
    static let valuesTable = Migration(version: 1, name: "values", sql: """
        CREATE TABLE value_store (id INTEGER PRIMARY KEY, v);  -- no declared type: no affinity conversion
        """)

    static let samples: [SQLValue] = [
        .null,
        .integer(0),
        .integer(-1),
        .integer(Int64.min),
        .integer(Int64.max),
        .real(0.5),
        .real(-1234.5678e-300),
        .real(Double.greatestFiniteMagnitude),
        .real(-Double.infinity),
        .text(""),
        .text("plain ascii"),
        .text("héllo wörld — 日本語 Ελληνικά עברית 🎉 👩‍👩‍👧‍👦 e\u{301}"),
        .text("embedded\u{0}nul"),
        .text("quote ' and \" and ; -- not a comment"),
        .blob([]),
        .blob([0]),
        .blob([0, 1, 2, 127, 128, 254, 255]),
        .blob((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
    ]

    @Test("every value survives INSERT then SELECT unchanged")
    func storedRoundTrip() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.valuesTable]) { database throws in
            let ids: [Int64] = try database.write { connection throws in
                try Self.samples.map { value in
                    try connection.execute("INSERT INTO value_store (v) VALUES (?)", [value])
                    return (connection as! SQLiteConnection).lastInsertRowID
                }
            }
            let stored = try database.read { connection throws in
                try ids.map { id in try connection.queryOne("SELECT v FROM value_store WHERE id = ?", [.integer(id)])!["v"] }
            }
            #expect(stored == Self.samples)
        }
    }

    @Test("every value survives a bound parameter selected back")
    func parameterRoundTrip() throws {
        try SQLiteTestSupport.withDatabase { database throws in
            for value in Self.samples {
                let row = try database.read { try $0.queryOne("SELECT ? AS v, typeof(?) AS t", [value, value]) }
                #expect(row?["v"] == value)
                let expectedType: String
                switch value {
                case .null: expectedType = "null"
                case .integer: expectedType = "integer"
                case .real: expectedType = "real"
                case .text: expectedType = "text"
                case .blob: expectedType = "blob"
                }
                #expect(row?.string("t") == expectedType, "an empty blob/text must not become NULL")
            }
        }
    }

    @Test("text length is measured in bytes, so embedded NUL and multi-byte text keep their length")
    func textByteLength() throws {
        try SQLiteTestSupport.withDatabase { database throws in
            let row = try database.read { try $0.queryOne("SELECT length(CAST(? AS BLOB)) AS n", ["a\u{0}é🎉"]) }
            #expect(row?.int("n") == 1 + 1 + 2 + 4)
        }
    }

    @Test("literal and convenience initializers")
    func initializers() {
        let text: SQLValue = "abc"
        let integer: SQLValue = 42
        let null: SQLValue = nil
        #expect(text == .text("abc"))
        #expect(integer == .integer(42))
        #expect(null == .null)
        #expect(SQLValue(String?.none) == .null)
        #expect(SQLValue(Optional("x")) == .text("x"))
        #expect(SQLValue(Int?.none) == .null)
        #expect(SQLValue(Optional(7)) == .integer(7))
        #expect(SQLValue(Int64?.none) == .null)
        #expect(SQLValue(Optional(Int64.max)) == .integer(Int64.max))
        #expect(SQLValue(true) == .integer(1))
        #expect(SQLValue(false) == .integer(0))
        #expect(SQLValue(Optional(2.5)) == .real(2.5))
        #expect(SQLValue(Double?.none) == .null)
        #expect(SQLValue.blob([0xAB, 0x01]).description == "X'AB01'")
        #expect(SQLValue.text("it's").description == "'it''s'")
    }

    @Test("typed accessors read by name or alias, case-insensitively")
    func typedAccessors() throws {
        try SQLiteTestSupport.withDatabase { database throws in
            let row = try database.read { connection throws in
                try connection.queryOne("""
                    SELECT 5 AS claim_count, NULL AS missing, 9223372036854775807 AS big, 'CLM-1' AS claim_number,
                           NULL AS note, 1 AS active, 0 AS closed, 2.5 AS ratio, 3 AS whole
                    """)!
            }
            #expect(row.int("claim_count") == 5)
            #expect(row.int("CLAIM_COUNT") == 5)
            #expect(row.optionalInt("claim_count") == 5)
            #expect(row.optionalInt("missing") == nil)
            #expect(row.int64("big") == Int64.max)
            #expect(row.string("claim_number") == "CLM-1")
            #expect(row.optionalString("claim_number") == "CLM-1")
            #expect(row.optionalString("note") == nil)
            #expect(row.bool("active") == true)
            #expect(row.bool("closed") == false)
            #expect(row.double("ratio") == 2.5)
            #expect(row.double("whole") == 3.0)
            #expect(row["missing"] == .null)
            #expect(row.hasColumn("ratio"))
            #expect(!row.hasColumn("nope"))
            #expect(row.columnNames == ["claim_count", "missing", "big", "claim_number", "note", "active", "closed", "ratio", "whole"])
            #expect(row.values.count == 9)
        }
    }

    @Test("a duplicated column name reads the leftmost column")
    func duplicateColumnNames() throws {
        try SQLiteTestSupport.withDatabase { database throws in
            let row = try database.read { try $0.queryOne("SELECT 1 AS id, 2 AS id") }
            #expect(row?.int("id") == 1)
        }
    }

    @Test("an unknown column name stops the process (programmer error, not .null)")
    func unknownColumnIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            let row = SQLRow(columns: SQLColumns(names: ["a"]), values: [.integer(1)])
            _ = row["b"]
        }
    }

    @Test("reading NULL with a non-optional accessor stops the process")
    func nullIntIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            let row = SQLRow(columns: SQLColumns(names: ["a"]), values: [.null])
            _ = row.int("a")
        }
    }
}
