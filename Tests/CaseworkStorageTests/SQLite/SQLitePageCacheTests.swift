import Foundation
import Testing
@testable import CaseworkStorage

@Suite("SQLite memory: statistics off, page caches measured per connection")
struct SQLitePageCacheTests {
    static let schema = Migration(version: 1, name: "notes", sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);")

    @Test("SQLite's global memory statistics were turned off before it initialised (SQLITE_OK, not SQLITE_MISUSE)")
    func statisticsOff() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { _ in
            #expect(SQLiteConnection.memoryStatisticsOff == 0)
        }
    }

    @Test("pageCacheBytes counts what the writer and readers cached, within the budget")
    func pageCacheFigure() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema], readerCount: 2) { database in
            let atOpen = database.pageCacheBytes
            #expect(atOpen == 0)              // no transaction has ended yet
            let body = String(repeating: "x", count: 3_000)
            try database.write { db in
                for index in 0..<400 { try db.execute("INSERT INTO notes (id, body) VALUES (?, ?)", [SQLValue(index), .text(body)]) }
            }
            let afterWrite = database.pageCacheBytes
            #expect(afterWrite > 400 * 3_000)  // the writer holds the pages it wrote (1.2 MB of rows)
            let length = try database.read { db in try db.queryOne("SELECT sum(length(body)) AS n FROM notes")!.int("n") }
            #expect(length == 400 * 3_000)
            let afterRead = database.pageCacheBytes
            #expect(afterRead > afterWrite + 400 * 3_000 / 2)   // a reader cached the pages it scanned too
            #expect(afterRead <= database.pageCacheBudgetBytes + database.pageCacheBudgetBytes / 4)
        }
    }
}
