import CEpoll
import DequeModule
import Dispatch
import Foundation

/// Something registered with an `EventLoop` for a descriptor's readiness; called on the
/// loop's thread.
protocol LoopHandler: LoopTimerOwner {
    /// The descriptor is ready: `readable`/`writable` as asked for by its interest; `hangUp`
    /// (reset, or both directions shut) is reported whatever the interest.
    func handleReadiness(readable: Bool, writable: Bool, hangUp: Bool)
}

/// One thread waiting on one epoll instance: it reads, parses and writes for the
/// descriptors registered with it, runs the tasks other threads hand it, and fires its
/// timers. Nothing here blocks but `epoll_wait`, which sleeps until a descriptor is ready,
/// a task arrives (an eventfd wakes it) or the earliest timer is due, so an idle loop uses
/// no CPU.
///
/// Thread safety (`@unchecked Sendable`): `execute`, `executeAndWait` and `stop` may be
/// called from any thread (the task queue is guarded by a lock); every other member is for
/// the loop's own thread only — handlers and tasks run there.
final class EventLoop: @unchecked Sendable {
    typealias Task = @Sendable () -> Void

    private struct Inbox {
        var tasks = Deque<Task>()
        /// The loop is in (or about to enter) `epoll_wait` with no task queued: a new task
        /// must signal the wake counter.
        var sleeping = false
        var stopping = false
    }

    /// Reports taken per `epoll_wait`.
    private static let batch = 256
    /// The token of the wake counter's registration (descriptors use their own number).
    private static let wakeToken = UInt64.max

    let index: Int
    private let epoll: Int32
    private let wakeCounter: Int32
    private let inbox = Locked(Inbox())
    private let finished = DispatchSemaphore(value: 0)
    /// Set by the loop thread as its first act, before any task or handler runs.
    private var thread: pthread_t?

    // Loop thread only.
    private var handlers: [Int32: any LoopHandler] = [:]
    private var timers = LoopTimers()

    /// Creates the epoll instance and wake counter and starts the thread (named
    /// `http.loop.<index>`).
    /// - Throws: `SocketError` when a descriptor cannot be made (EMFILE, ENOMEM).
    init(index: Int) throws(SocketError) {
        self.index = index
        epoll = try Epoll.create()
        do {
            wakeCounter = try Epoll.makeWakeCounter()
        } catch {
            Glibc.close(epoll)
            throw error
        }
        Epoll.add(epoll, wakeCounter, token: Self.wakeToken, interest: .init(read: true, write: false))
        let started = DispatchSemaphore(value: 0)
        NamedThread.start("http.loop.\(index)") { [self] in
            self.thread = pthread_self()
            started.signal()
            run()
        }
        started.wait()
    }

    /// Whether the caller runs on this loop's thread.
    var inLoop: Bool {
        guard let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    /// Runs `task` on the loop's thread, after the tasks queued before it. Never blocks;
    /// wakes the loop (one eventfd write) only if it is waiting.
    /// - Returns: false, and drops `task`, once the loop is stopping.
    @discardableResult
    func execute(_ task: @escaping Task) -> Bool {
        let (accepted, wake) = inbox.withLock { inbox -> (Bool, Bool) in
            guard !inbox.stopping else { return (false, false) }
            inbox.tasks.append(task)
            defer { inbox.sleeping = false }
            return (true, inbox.sleeping)
        }
        if wake { Epoll.signal(wakeCounter) }
        return accepted
    }

    /// Runs `body` on the loop's thread and returns its result; the caller waits. Nil, without
    /// running `body`, once the loop is stopping (a streamed answer finished after shutdown).
    /// - Precondition: not called on this loop's thread (it would wait for itself).
    func executeAndWait<Result: Sendable>(_ body: @escaping @Sendable () -> Result) -> Result? {
        precondition(!inLoop, "executeAndWait on the loop's own thread")
        let done = DispatchSemaphore(value: 0)
        let box = Locked<Result?>(nil)
        let accepted = execute {
            let result = body()
            box.withLock { $0 = result }
            done.signal()
        }
        guard accepted else { return nil }
        done.wait()
        return box.withLock { $0 }
    }

    /// Ends the thread after the tasks already queued, then closes the epoll instance and
    /// the wake counter. Registered descriptors are not closed (their owners do that).
    /// - Precondition: not called on the loop's thread.
    func stop() {
        precondition(!inLoop, "stop on the loop's own thread")
        let first = inbox.withLock { inbox -> Bool in
            guard !inbox.stopping else { return false }
            inbox.stopping = true
            return true
        }
        guard first else { return }     // a stop is already under way; it closes the descriptors
        Epoll.signal(wakeCounter)
        finished.wait()
        Glibc.close(epoll)
        Glibc.close(wakeCounter)
    }

    // MARK: Loop thread only

    /// Registers `fd` for readiness reports to `handler` (held until `deregister`).
    /// `exclusive`: EPOLLEXCLUSIVE, for a listening socket shared by several loops.
    /// - Returns: 0, or the errno of epoll_ctl.
    @discardableResult
    func register(_ fd: Int32, _ handler: any LoopHandler, interest: Epoll.Interest, exclusive: Bool = false) -> Int32 {
        let error = Epoll.add(epoll, fd, token: UInt64(UInt32(bitPattern: fd)), interest: interest, exclusive: exclusive)
        if error == 0 { handlers[fd] = handler }
        return error
    }

    /// Changes what a registered `fd` is told about.
    func setInterest(_ fd: Int32, _ interest: Epoll.Interest) {
        Epoll.modify(epoll, fd, token: UInt64(UInt32(bitPattern: fd)), interest: interest)
    }

    /// Removes `fd` and releases its handler; call before closing the descriptor.
    func deregister(_ fd: Int32) {
        Epoll.remove(epoll, fd)
        handlers[fd] = nil
    }

    /// Calls `owner.timerFired()` on this thread once `deadline` has passed.
    func schedule(_ owner: any LoopTimerOwner, at deadline: DispatchTime) {
        timers.schedule(owner, at: deadline)
    }

    private func run() {
        let reports = UnsafeMutableBufferPointer<epoll_event>.allocate(capacity: Self.batch)
        defer {
            reports.deallocate()
            handlers = [:]
            finished.signal()
        }
        var ready: [(any LoopHandler, Epoll.Readiness)] = []
        while true {
            let queued = inbox.withLock { inbox -> Bool in
                if inbox.tasks.isEmpty { inbox.sleeping = true }
                return !inbox.tasks.isEmpty
            }
            let timeout = queued ? 0 : timers.timeoutMilliseconds(now: .now())
            Epoll.wait(epoll, into: reports, timeoutMilliseconds: timeout) { report in
                if report.token == Self.wakeToken {
                    Epoll.drain(wakeCounter)
                } else if let handler = handlers[Int32(truncatingIfNeeded: report.token)] {
                    ready.append((handler, report))
                }
            }
            // A handler may close and deregister another descriptor of this batch (or reuse
            // its number): each report is delivered only while its handler is still the one
            // registered.
            for (handler, report) in ready {
                let fd = Int32(truncatingIfNeeded: report.token)
                guard let current = handlers[fd], current === handler else { continue }
                handler.handleReadiness(readable: report.readable, writable: report.writable, hangUp: report.hangUp)
            }
            ready.removeAll(keepingCapacity: true)
            for owner in timers.takeExpired(now: .now()) { owner.timerFired() }
            timers.compact(liveOwners: handlers.count)
            var tasks = Deque<Task>()
            inbox.withLock { inbox in
                inbox.sleeping = false
                swap(&tasks, &inbox.tasks)
            }
            for task in tasks { task() }
            if inbox.withLock({ $0.stopping }) {
                // Tasks accepted before the stop still run (a worker may wait on one); none can be
                // added any more.
                var rest = Deque<Task>()
                inbox.withLock { swap(&rest, &$0.tasks) }
                for task in rest { task() }
                return
            }
        }
    }
}
