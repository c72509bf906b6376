import Foundation

/// What each connection's page cache held when its last transaction ended, for the metrics:
/// a connection's own figure may only be read by the thread that holds it
/// (`SQLiteConnection.pageCacheBytes`, multi-thread mode), so each thread records it as it
/// finishes with the connection and a scrape sums the records.
///
/// `@unchecked Sendable`: `bytes` is touched only with `lock` held.
final class PageCacheFigures: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [ObjectIdentifier: Int] = [:]

    /// Records what `connection`'s page cache holds now. Call with the connection in hand.
    func record(_ connection: SQLiteConnection) {
        let figure = connection.pageCacheBytes
        lock.lock()
        bytes[ObjectIdentifier(connection)] = figure
        lock.unlock()
    }

    /// The sum of the last figures recorded, bytes.
    var total: Int {
        lock.lock()
        defer { lock.unlock() }
        return bytes.values.reduce(0, +)
    }
}
