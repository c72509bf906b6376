import Foundation

/// A value guarded by a lock, for state shared across threads and queues.
///
/// `@unchecked Sendable` is sound because every access to `value` goes through
/// `withLock`, which holds the `NSLock` for the duration of the closure.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// Creates the box with an initial value.
    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value. Do not call back into the
    /// same `Locked` from `body` (the lock is not recursive).
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
