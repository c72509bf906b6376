import Foundation
import Testing
@testable import CaseworkStorage

/// Helpers for the SQLite layer's tests: temporary database files and real threads.
enum SQLiteTestSupport {
    /// Gives `body` a database path inside a fresh directory under the temporary directory,
    /// and removes the directory (database, -wal and -shm files) afterwards.
    static func withTemporaryPath<T>(_ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("casework-sqlite-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory.appendingPathComponent("casework.sqlite").path)
    }

    /// `withTemporaryPath` for async bodies.
    static func withTemporaryPath<T>(_ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("casework-sqlite-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory.appendingPathComponent("casework.sqlite").path)
    }

    /// Opens a database on a temporary file with `migrations`, runs `body`, then closes and deletes it.
    static func withDatabase<T>(
        migrations: [Migration] = [],
        readerCount: Int = 4,
        _ body: (SQLiteDatabase) throws -> T
    ) throws -> T {
        try withTemporaryPath { path in
            let database = try SQLiteDatabase(path: path, migrations: migrations, readerCount: readerCount)
            return try body(database)
        }
    }

    /// How long any wait in a test may take before the test fails instead of hanging.
    static let timeout: DispatchTimeInterval = .seconds(60)

    /// Runs `body(i)` for i in 0..<count on `count` new threads, released together by a start
    /// gate so that they really contend, and waits for all of them. Returns false on timeout.
    static func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) -> Bool {
        let ready = DispatchGroup()
        let finished = DispatchGroup()
        let gate = DispatchSemaphore(value: 0)
        for index in 0..<count {
            ready.enter()
            finished.enter()
            let thread = Thread {
                ready.leave()
                gate.wait()
                body(index)
                finished.leave()
            }
            thread.start()
        }
        guard ready.wait(timeout: .now() + timeout) == .success else { return false }
        for _ in 0..<count { gate.signal() }
        return finished.wait(timeout: .now() + timeout) == .success
    }

    /// Starts `body` on a new thread; the returned semaphore is signalled when it has finished.
    static func startThread(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread {
            body()
            done.signal()
        }.start()
        return done
    }

    /// Waits for `semaphore`, failing (not hanging) after `timeout`.
    static func wait(_ semaphore: DispatchSemaphore) -> Bool {
        semaphore.wait(timeout: .now() + timeout) == .success
    }

    /// Names of the tables in the database.
    static func tableNames(_ database: SQLiteDatabase) throws -> Set<String> {
        try database.read { connection throws in
            Set(try connection.query("SELECT name FROM sqlite_master WHERE type = 'table'").map { $0.string("name") })
        }
    }
}

/// A value shared between test threads, guarded by a lock.
final class SQLiteTestLocked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value { withLock { $0 } }
}

/// An error thrown on purpose by test bodies.
struct SQLiteTestError: Error, Equatable {}
