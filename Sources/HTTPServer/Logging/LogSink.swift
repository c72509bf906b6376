import Foundation
import Metrics

/// Where log lines go without ever making the caller wait on the output: lines are copied into a
/// bounded buffer and one writer thread drains it to a file descriptor (stderr) in batches.
///
/// When the descriptor stalls (a pipe nobody reads) and the buffer is full, new lines are dropped
/// and counted instead of blocking the request that logs them; once a batch goes out again the
/// writer adds `dropped N log lines`. Lines are whole: a line is kept entirely or dropped entirely.
///
/// The writer is woken only when it sleeps for want of lines, and then waits `gatherSeconds` more
/// before it takes them, so a busy server wakes it a few hundred times a second at most, not once
/// per line (a wake-up is a context switch on the request's core).
///
/// **Concurrency.** `@unchecked Sendable`: `pending`, `spare`, `writing`, `idle`, `dropped` and `reported`
/// are only touched under `condition`'s lock; the writer thread owns the descriptor.
public final class LogSink: @unchecked Sendable {
    /// Bytes held for the writer at most (a line that does not fit is dropped).
    public let capacity: Int
    private let descriptor: Int32
    private let condition = NSCondition()
    private var pending: [UInt8] = []
    /// The emptied buffer of the last batch, kept for the next swap (writer thread).
    private var spare: [UInt8] = []
    private var writing = false
    /// The writer waits for lines (a new line must wake it).
    private var idle = false
    private var dropped = 0
    private var reported = 0
    private let clock = SecondClock { seconds in
        let parts = SecondClock.utcParts(seconds), two = SecondClock.twoDigits
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
    private let droppedCounter = Counter(label: "log_lines_dropped_total")
    /// The OS name of the writer thread (ps, /proc/PID/task/*/comm).
    static let threadName = "log writer"
    /// How long the woken writer lets lines gather before writing them.
    static let gatherSeconds = 0.002

    /// A sink writing to `descriptor` (2 for stderr), holding at most `capacity` bytes; starts its writer thread.
    public init(descriptor: Int32 = 2, capacity: Int = 1 << 20) {
        self.descriptor = descriptor
        self.capacity = capacity
        NamedThread.start(Self.threadName) { [self] in drainForever() }
    }

    /// Lines dropped so far because the buffer was full.
    public var droppedLines: Int {
        condition.lock(); defer { condition.unlock() }
        return dropped
    }

    /// Queues `line` (which should end in a newline); drops it, counted, when the buffer is full. Never blocks on output.
    public func write(_ line: [UInt8]) {
        condition.lock()
        defer { condition.unlock() }
        guard pending.count + line.count <= capacity else {
            dropped += 1
            droppedCounter.increment()
            if idle {                      // a line longer than the whole buffer: the notice is still due
                idle = false
                condition.signal()
            }
            return
        }
        pending.append(contentsOf: line)
        if idle {
            idle = false
            condition.signal()
        }
    }

    /// `YYYY-MM-DDThh:mm:ssZ` for the current second, formatted once per second.
    public func timestamp() -> String { clock.now() }

    /// Waits until everything queued so far is written, at most `timeout` seconds (for a clean exit).
    /// - Returns: whether the buffer drained in time.
    @discardableResult
    public func flush(timeout: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !pending.isEmpty || writing {
            if !condition.wait(until: deadline) { return pending.isEmpty && !writing }
        }
        return true
    }

    private func drainForever() {
        while true {
            condition.lock()
            if pending.isEmpty && reported == dropped {
                while pending.isEmpty && reported == dropped {
                    idle = true
                    condition.wait()
                }
                idle = false
                condition.unlock()
                Thread.sleep(forTimeInterval: Self.gatherSeconds)
                condition.lock()
            }
            // The lines go out as `batch`; `pending` takes the emptied buffer of the last batch,
            // capacity kept, so it does not grow again from nothing for every batch.
            var batch = spare
            spare = []
            swap(&batch, &pending)
            writing = true
            condition.unlock()

            let delivered = writeAll(batch)
            let stamp = timestamp()

            condition.lock()
            var notice: [UInt8] = []
            if delivered, dropped > reported {
                notice = Array("\(stamp) warning log : dropped \(dropped - reported) log lines\n".utf8)
                reported = dropped
            }
            condition.unlock()
            if !notice.isEmpty { _ = writeAll(notice) }
            batch.removeAll(keepingCapacity: batch.capacity <= capacity)
            condition.lock()
            spare = batch
            writing = false
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Writes every byte, waiting for the descriptor as long as it takes (only this thread waits).
    /// - Returns: false when the descriptor is gone (the bytes are lost).
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written > 0 { offset += written; continue }
            if written < 0 && errno == EINTR { continue }
            if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&waiting, 1, 1000)
                continue
            }
            return false
        }
        return true
    }
}
