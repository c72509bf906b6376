import Foundation

/// The hand-over point between a streamed body's producer, on its own thread, and
/// its connection, on the connection's queue.
///
/// The producer appends framed bytes to `buffer`; the first append after a drain asks
/// the connection (through `scheduleDrain`) to take the buffer into its output. The
/// connection reports how much of its output is still unsent after every write
/// attempt. Backpressure: `write` waits while `buffer` plus the connection's unsent
/// output reach `highWater`, so at most about `highWater` plus one write is queued in
/// user space per connection. `close()` (connection torn down, or response over)
/// wakes a waiting producer and makes every later `write` throw.
///
/// Thread safety (`@unchecked Sendable`): the mutable state is guarded by `condition`.
final class BodyStreamChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private let highWater: Int
    private let chunked: Bool
    private let scheduleDrain: @Sendable () -> Void

    /// Framed bytes written by the producer, not yet taken by the connection.
    private var buffer: [UInt8] = []
    /// The connection's unsent output, as last reported (plus bytes taken since).
    private var unsent = 0
    private var drainScheduled = false
    private var closed = false

    /// - Parameters:
    ///   - chunked: frame each write as an HTTP/1.1 chunk (RFC 9112 §7.1).
    ///   - highWater: bytes queued (buffer + unsent output) at which `write` blocks.
    ///   - scheduleDrain: asks the connection to call `take()` soon; never blocks.
    init(chunked: Bool, highWater: Int, scheduleDrain: @escaping @Sendable () -> Void) {
        self.chunked = chunked
        self.highWater = highWater
        self.scheduleDrain = scheduleDrain
    }

    /// Producer side: queues `bytes` (non-empty), framed, once there is room.
    /// - Throws: `HTTPBodyWriterError.connectionClosed` once `close()` was called,
    ///   including while waiting for room.
    func write(_ bytes: [UInt8]) throws {
        condition.lock()
        while !closed, buffer.count + unsent >= highWater {
            condition.wait()
        }
        guard !closed else {
            condition.unlock()
            throw HTTPBodyWriterError.connectionClosed
        }
        if chunked {
            buffer.append(contentsOf: ResponseSerializer.chunkHeader(size: bytes.count))
            buffer.append(contentsOf: bytes)
            buffer.append(contentsOf: ResponseSerializer.chunkEnd)
        } else if buffer.isEmpty {
            buffer = bytes
        } else {
            buffer.append(contentsOf: bytes)
        }
        let schedule = !drainScheduled
        drainScheduled = true
        condition.unlock()
        if schedule { scheduleDrain() }
    }

    /// Connection side: takes everything written so far. The bytes count as unsent
    /// output until the connection's next `reportUnsent`.
    func take() -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        drainScheduled = false
        let taken = buffer
        buffer = []
        unsent += taken.count
        return taken
    }

    /// Connection side: `count` bytes of the connection's output are not yet accepted
    /// by the kernel; wakes the producer if that makes room.
    func reportUnsent(_ count: Int) {
        condition.lock()
        defer { condition.unlock() }
        let wasFull = buffer.count + unsent >= highWater
        unsent = count
        if wasFull, buffer.count + unsent < highWater { condition.broadcast() }
    }

    /// Ends the stream for the producer: a waiting or later `write` throws. Idempotent.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        buffer = []
        condition.broadcast()
    }
}
