import Foundation
import Testing
@testable import CaseworkStorage

@Suite struct DeferredWritesTests {
    static let schema = Migration(version: 1, name: "tokens", sql: "CREATE TABLE api_tokens (id TEXT PRIMARY KEY, last_used_at TEXT);")

    /// Behind a long write every request with a token reads its old last use and notes a new one:
    /// one entry per token waits in the queue, and the first use is the one written.
    @Test func aTokensUseIsQueuedOnceUntilItLands() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.schema]) { database in
            try database.write { try $0.execute("INSERT INTO api_tokens (id) VALUES ('t1'), ('t2')") }
            let queue = DeferredWrites(database: database)
            let writerHeld = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
            Thread {
                _ = try? database.write { _ in
                    writerHeld.signal()
                    _ = release.wait(timeout: .now() + 30)
                }
                done.signal()
            }.start()
            #expect(writerHeld.wait(timeout: .now() + 10) == .success)
            for second in 0..<50 { queue.add([.tokenUse(id: "t1", at: "2026-12-07T10:00:\(10 + second)Z")]) }
            queue.add([.tokenUse(id: "t2", at: "2026-12-07T10:01:00Z")])
            let queued = queue.queuedCount
            release.signal()
            #expect(done.wait(timeout: .now() + 10) == .success)
            #expect(queued == 2)
            #expect(queue.drain(timeout: 10))
            let used = try database.read { db in
                try db.query("SELECT id, last_used_at FROM api_tokens ORDER BY id").map { "\($0.string("id")) \($0.string("last_used_at"))" }
            }
            #expect(used == ["t1 2026-12-07T10:00:10Z", "t2 2026-12-07T10:01:00Z"])
            // Once it has landed, the token's next use is queued again.
            queue.add([.tokenUse(id: "t1", at: "2026-12-07T11:00:00Z")])
            #expect(queue.drain(timeout: 10))
            #expect(try database.read { try $0.queryOne("SELECT last_used_at FROM api_tokens WHERE id = 't1'")!.string("last_used_at") }
                    == "2026-12-07T11:00:00Z")
        }
    }
}
