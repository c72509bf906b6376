import Dispatch
import Logging

/// The listening socket, driven by a `DispatchSourceRead` on a private serial queue.
///
/// Each readiness event accepts up to `acceptBatch` connections and hands each
/// descriptor to `onAccept` (on the listener's queue). When the process or system
/// is out of descriptors (`EMFILE`/`ENFILE`) or memory, accepting pauses until a
/// connection closes (`descriptorReleased()`) or `backoffSeconds` pass, whichever
/// is first — pending clients wait in the kernel backlog meanwhile.
///
/// Thread safety (`@unchecked Sendable`): `source`, `suspended` and `stopped` are
/// touched only on `queue`; `stop()` hops onto it.
final class Listener: @unchecked Sendable {
    static let acceptBatch = 64
    static let backoffSeconds = 0.1

    private let fd: Int32
    private let queue = DispatchQueue(label: "http.listener")
    private let logger: Logger
    private let onAccept: @Sendable (Int32) -> Void
    private let closed = DispatchSemaphore(value: 0)
    private var source: DispatchSourceRead?
    private var suspended = false
    private var stopped = false
    /// Whether this exhaustion episode was logged already (one warning per episode).
    private var warnedExhaustion = false

    /// Wraps a bound, listening, non-blocking descriptor; takes ownership of it.
    init(fd: Int32, logger: Logger, onAccept: @escaping @Sendable (Int32) -> Void) {
        self.fd = fd
        self.logger = logger
        self.onAccept = onAccept
    }

    /// Starts accepting.
    func start() {
        queue.async { [self] in
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            source.setEventHandler { [self] in acceptReady() }
            source.setCancelHandler { [self] in
                Socket.close(fd)
                self.source = nil
                closed.signal()
            }
            self.source = source
            source.activate()
            // libdispatch on Linux creates its timer descriptor lazily, on the first
            // timer; if that first timer were the EMFILE back-off, creation would fail
            // and the timer would never fire. Arm one now, while descriptors are free.
            queue.asyncAfter(deadline: .now() + .milliseconds(1)) {}
        }
    }

    /// A descriptor was freed (a connection closed): if accepting is paused for lack
    /// of descriptors, try again now.
    func descriptorReleased() {
        queue.async { [self] in resumeAccepting() }
    }

    /// Stops accepting and closes the listening socket; returns once it is closed,
    /// so new connection attempts are refused from then on.
    func stop() {
        queue.async { [self] in
            stopped = true
            guard let source else {
                Socket.close(fd)
                closed.signal()
                return
            }
            source.cancel()
            if suspended {
                suspended = false
                source.resume()
            }
        }
        closed.wait()
    }

    private func acceptReady() {
        guard !stopped else { return }
        for _ in 0..<Self.acceptBatch {
            switch Socket.accept(fd) {
            case .accepted(let client):
                warnedExhaustion = false
                onAccept(client)
            case .wouldBlock:
                return
            case .skipped:
                continue
            case .exhausted(let code):
                if !warnedExhaustion {
                    warnedExhaustion = true
                    logger.warning("accept paused: out of resources", metadata: ["errno": "\(code)"])
                }
                pauseAccepting()
                return
            case .failed(let code):
                logger.error("accept failed", metadata: ["errno": "\(code)"])
                return
            }
        }
    }

    private func pauseAccepting() {
        guard let source, !suspended else { return }
        suspended = true
        source.suspend()
        queue.asyncAfter(deadline: .now() + Self.backoffSeconds) { [self] in resumeAccepting() }
    }

    /// Ends a pause and accepts at once: connections may be waiting that no new
    /// readiness event will announce.
    private func resumeAccepting() {
        guard suspended, !stopped, let paused = source else { return }
        suspended = false
        paused.resume()
        acceptReady()
    }
}
