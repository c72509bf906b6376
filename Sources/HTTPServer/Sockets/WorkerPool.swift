import DequeModule
import Foundation
import Metrics
#if canImport(Glibc)
import Glibc
#endif

/// The threads that run responders — handlers that may block on storage or compute for a long
/// while: a fixed number, started once, taking jobs first in, first out. Each runs `niceness`
/// steps below normal scheduling priority (Linux keeps a nice value per thread, and
/// `setpriority(PRIO_PROCESS, 0, n)` sets the calling thread's), so when heavy requests keep
/// every core busy the connections' own queues — reading, parsing, writing, and answers given
/// inline such as health checks — still get the CPU first. Raising one's own nice value needs no
/// privilege; nothing ever lowers it again. The threads live as long as the process (a server
/// makes two pools: one for reads, one for writes; see `HTTPServerConfiguration.readWorkerThreads`).
///
/// The number of jobs waiting for a worker is the gauge `http_worker_queue_depth{lane}`.
///
/// Thread safety (`@unchecked Sendable`): `jobs` is touched only with `condition` locked.
final class WorkerPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    private let condition = NSCondition()
    private var jobs = Deque<Job>()
    private let depth: Gauge

    /// Starts `threads` (at least 1) worker threads at nice `niceness` (0 = as the process; the
    /// kernel holds values above 19 at 19), named `http.<lane>.<index>`, and returns once every one
    /// of them is named, marked and at its priority, so a server that says it is listening has its
    /// workers as configured.
    init(threads: Int, niceness: Int32, lane: String) {
        depth = Gauge(label: "http_worker_queue_depth", dimensions: [("lane", lane)])
        let count = max(1, threads)
        let ready = DispatchSemaphore(value: 0)
        for index in 0..<count {
            NamedThread.start(Self.threadName(lane: lane, index)) { [self] in
                Self.marker.withLock { _ = $0.insert(pthread_self()) }
                Self.lowerPriority(by: niceness)
                ready.signal()
                work()
            }
        }
        for _ in 0..<count { ready.wait() }
    }

    /// Queues `job` for the next free worker; never blocks.
    func async(_ job: @escaping Job) {
        condition.lock()
        jobs.append(job)
        depth.record(jobs.count)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            depth.record(jobs.count)
            condition.unlock()
            job()
        }
    }

    /// Every worker thread of every pool, so a job (or a test) can tell where it runs. (The OS
    /// thread name is no proof: libdispatch renames a thread it runs queue work on.)
    private static let marker = Locked(Set<pthread_t>())

    /// Whether the calling thread is a worker of some pool.
    static var isWorkerThread: Bool { marker.withLock { $0.contains(pthread_self()) } }

    /// The OS name of worker `index` of `lane` (ps, /proc/PID/task/*/comm), e.g. `http.read.1`, for operators.
    static func threadName(lane: String, _ index: Int) -> String { "http.\(lane).\(index)" }

    /// Sets the calling thread's nice value to `niceness` (`who` 0 is the calling thread on Linux,
    /// see setpriority(2), BUGS). A refusal leaves the thread at normal priority.
    private static func lowerPriority(by niceness: Int32) {
        #if os(Linux)
        guard niceness > 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}
