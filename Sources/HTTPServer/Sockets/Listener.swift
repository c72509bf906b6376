import Dispatch
import Logging

/// The listening socket, shared by every event loop: each loop registers it with
/// EPOLLEXCLUSIVE (the kernel wakes one waiting loop per arriving connection) and accepts
/// on its own thread, so a connection is served by the loop that accepted it with no
/// hand-over.
///
/// Each readiness report accepts up to `acceptBatch` connections and hands each descriptor
/// to `onAccept` (on the accepting loop's thread). When the process or system is out of
/// descriptors (`EMFILE`/`ENFILE`) or memory, that loop stops watching the socket until a
/// connection closes (`descriptorReleased()`) or `backoffSeconds` pass, whichever is first —
/// pending clients wait in the kernel backlog meanwhile.
///
/// Thread safety (`@unchecked Sendable`): `paused` is a `Locked`; each `Acceptor` is touched
/// only on its loop's thread.
final class Listener: @unchecked Sendable {
    static let acceptBatch = 64
    static let backoffSeconds = 0.1

    private let fd: Int32
    private let logger: Logger
    private let acceptors: [Acceptor]
    /// Some loop paused accepting (so `descriptorReleased` has work to do).
    private let paused = Locked(false)

    /// Wraps a bound, listening, non-blocking descriptor; takes ownership of it.
    /// - Parameter onAccept: called on the accepting loop's thread with each new descriptor.
    init(fd: Int32, loops: [EventLoop], logger: Logger, onAccept: @escaping @Sendable (Int32, EventLoop) -> Void) {
        self.fd = fd
        self.logger = logger
        let paused = self.paused
        acceptors = loops.map { Acceptor(fd: fd, loop: $0, logger: logger, paused: paused, onAccept: onAccept) }
    }

    /// Starts accepting on every loop.
    func start() {
        for acceptor in acceptors {
            acceptor.loop.execute { acceptor.watch() }
        }
    }

    /// A descriptor was freed (a connection closed): loops that paused for lack of
    /// descriptors try again now.
    func descriptorReleased() {
        guard paused.withLock({ state in defer { state = false }; return state }) else { return }
        for acceptor in acceptors {
            acceptor.loop.execute { acceptor.resume() }
        }
    }

    /// Stops accepting and closes the listening socket; returns once it is closed, so new
    /// connection attempts are refused from then on.
    /// - Precondition: not called on a loop's thread.
    func stop() {
        for acceptor in acceptors {
            acceptor.loop.executeAndWait { acceptor.stop() }
        }
        Socket.close(fd)
    }
}

/// The listening socket as one loop sees it. Loop thread only.
private final class Acceptor: LoopHandler, @unchecked Sendable {
    let fd: Int32
    let loop: EventLoop
    private let logger: Logger
    private let paused: Locked<Bool>
    private let onAccept: @Sendable (Int32, EventLoop) -> Void
    private var watching = false
    private var stopped = false
    /// Whether this exhaustion episode was logged already (one warning per episode).
    private var warnedExhaustion = false

    init(fd: Int32, loop: EventLoop, logger: Logger, paused: Locked<Bool>,
         onAccept: @escaping @Sendable (Int32, EventLoop) -> Void) {
        self.fd = fd
        self.loop = loop
        self.logger = logger
        self.paused = paused
        self.onAccept = onAccept
    }

    func watch() {
        guard !stopped, !watching else { return }
        let error = loop.register(fd, self, interest: .init(read: true, write: false), exclusive: true)
        if error == 0 {
            watching = true
        } else {
            logger.error("listening socket not watched", metadata: ["errno": "\(error)", "loop": "\(loop.index)"])
        }
    }

    func stop() {
        stopped = true
        unwatch()
    }

    func handleReadiness(readable: Bool, writable: Bool, hangUp: Bool) {
        guard !stopped else { return }
        for _ in 0..<Listener.acceptBatch {
            switch Socket.accept(fd) {
            case .accepted(let client):
                warnedExhaustion = false
                onAccept(client, loop)
            case .wouldBlock:
                return
            case .skipped:
                continue
            case .exhausted(let code):
                if !warnedExhaustion {
                    warnedExhaustion = true
                    logger.warning("accept paused: out of resources", metadata: ["errno": "\(code)"])
                }
                pause()
                return
            case .failed(let code):
                logger.error("accept failed", metadata: ["errno": "\(code)"])
                return
            }
        }
    }

    /// The back-off is over: watch again (the level-triggered registration reports waiting
    /// connections at once).
    func timerFired() { resume() }

    func resume() {
        guard !stopped, !watching else { return }
        watch()
    }

    private func pause() {
        unwatch()
        paused.withLock { $0 = true }
        loop.schedule(self, at: .now() + Listener.backoffSeconds)
    }

    private func unwatch() {
        guard watching else { return }
        watching = false
        loop.deregister(fd)
    }
}
