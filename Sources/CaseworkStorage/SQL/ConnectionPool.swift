import Foundation
import Metrics

/// A fixed set of connections handed out one thread at a time.
///
/// `@unchecked Sendable`: every access to the mutable state (`idle`, `holders`) happens with
/// `condition` locked, and a connection taken from `idle` is used by exactly one thread until it
/// is put back, which is what SQLite's multi-thread mode (`SQLITE_OPEN_NOMUTEX`) and libpq
/// (one thread per `PGconn` at a time) require.
/// Waiting is a blocking `NSCondition` wait: callers on Swift concurrency's cooperative pool
/// should keep bodies short (or hop to their own thread) as a wait blocks that thread.
final class ConnectionPool<Connection: AnyObject>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Connections not in use (last in, first out: the most recently used one has the warmest cache).
    private var idle: [Connection]
    /// Which thread holds which connection now.
    private var holders: [pthread_t: Connection] = [:]
    /// Takes that found no idle connection (`db_pool_waits_total{pool}`) and how long they waited (`db_pool_wait_seconds{pool}`).
    private let waits: Counter
    private let waitTime: Metrics.Timer

    /// A pool of `connections`; `name` (`writer`, `readers`) labels its metrics.
    init(_ connections: [Connection], name: String) {
        idle = connections
        waits = Counter(label: "db_pool_waits_total", dimensions: [("pool", name)])
        waitTime = Metrics.Timer(label: "db_pool_wait_seconds", dimensions: [("pool", name)])
    }

    /// The connection the calling thread holds from this pool, if any (for re-entrancy checks).
    func connectionHeldByCurrentThread() -> Connection? {
        let me = pthread_self()
        condition.lock()
        defer { condition.unlock() }
        return holders[me]
    }

    /// Takes an idle connection (waiting until one is put back when none is idle), runs `body`
    /// with it on the calling thread, and puts it back, also when `body` throws.
    /// Precondition: the calling thread does not already hold one (it could wait for itself forever).
    func withConnection<T>(_ body: (Connection) throws -> T) rethrows -> T {
        let me = pthread_self()
        condition.lock()
        precondition(holders[me] == nil, "ConnectionPool: this thread already holds a connection of this pool")
        if idle.isEmpty {
            let start = DispatchTime.now().uptimeNanoseconds
            while idle.isEmpty { condition.wait() }
            waits.increment()
            waitTime.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        }
        let connection = idle.removeLast()
        holders[me] = connection
        condition.unlock()
        defer {
            condition.lock()
            holders[me] = nil
            idle.append(connection)
            condition.signal()
            condition.unlock()
        }
        return try body(connection)
    }

    /// Closes all idle connections (they close when released). Called when the database goes away,
    /// when no connection can be in use any more.
    func closeAll() {
        condition.lock()
        idle.removeAll()
        condition.unlock()
    }
}
