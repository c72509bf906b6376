import Dispatch
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server over POSIX sockets and Dispatch (RFC 9112).
///
/// Design: a `Listener` accepts on its own serial queue; each connection is an
/// `HTTPConnection` with non-blocking I/O driven by Dispatch sources on its own serial
/// queue, which targets one of a few shared "event loop" queues (one per core, at
/// least two), so I/O never needs more threads than that; complete requests run on a
/// shared concurrent worker queue, where the responder may block. The producer of a
/// streamed body runs on a serial queue of its own, since it may block for as long as
/// the client reads slowly (see `HTTPResponse.stream`). Idle connections cost a
/// descriptor and a few small objects (about 5 KB) and no thread.
///
/// Thread safety: all stored properties are immutable and `Sendable`; the mutable
/// server state lives in a `Locked` box.
public final class HTTPServer: Sendable {
    private enum Phase { case idle, starting, running, stopping, stopped }

    private struct State {
        var phase = Phase.idle
        var listener: Listener?
        var connections: [UInt64: HTTPConnection] = [:]
        var nextConnectionID: UInt64 = 0
    }

    private let configuration: HTTPServerConfiguration
    private let context: ConnectionContext
    private let logger: Logger
    private let state = Locked(State())
    /// Entered per open connection; left when its descriptor is closed.
    private let openConnections = DispatchGroup()
    /// Entered by a successful `start()`; left when `shutdown` completes.
    private let running = DispatchGroup()

    /// Creates a server; nothing is bound until `start()`.
    /// - Parameters:
    ///   - configuration: address, limits and timeouts.
    ///   - responder: answers every well-formed request (e.g. a `Router`).
    ///   - logger: receives one debug line per connection event, never header values or bodies.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: Logger = Logger(label: "http")) {
        self.configuration = configuration
        self.logger = logger
        self.context = ConnectionContext(
            limits: configuration.parserLimits,
            headerReadTimeout: configuration.headerReadTimeout,
            idleTimeout: configuration.idleTimeout,
            lingerTimeout: 2,
            maxLingerBytes: 1 << 20,
            responder: responder,
            workers: WorkerPool(threads: configuration.workerThreads, niceness: Int32(clamping: configuration.workerNiceness)),
            eventLoops: (0..<max(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))).map {
                DispatchQueue(label: "http.event-loop.\($0)")
            },
            logger: logger,
            gauges: ServerGauges())
    }

    /// Binds and listens; returns the bound port (the real one when `configuration.port == 0`).
    ///
    /// Also sets `SIGPIPE` to ignored for the process (writes use `MSG_NOSIGNAL` too).
    /// - Throws: `SocketError` (with errno) when the address cannot be resolved, bound
    ///   (`EADDRINUSE`, `EACCES`, …) or listened on.
    /// - Precondition: called at most once per server.
    public func start() throws -> Int {
        state.withLock { state in
            precondition(state.phase == .idle, "HTTPServer.start() may be called only once")
            state.phase = .starting
        }
        signal(SIGPIPE, SIG_IGN)
        let bound: (fd: Int32, port: Int)
        do {
            bound = try Socket.makeListener(host: configuration.host, port: configuration.port, backlog: SOMAXCONN)
        } catch {
            state.withLock { $0.phase = .idle }
            throw error
        }
        let listener = Listener(fd: bound.fd, logger: logger) { [self] client in accepted(client) }
        running.enter()
        state.withLock { state in
            state.phase = .running
            state.listener = listener
        }
        listener.start()
        logger.debug("listening", metadata: ["host": "\(configuration.host)", "port": "\(bound.port)"])
        return bound.port
    }

    /// Stops accepting, lets in-flight requests finish (up to `gracePeriod` seconds),
    /// closes idle connections, then returns.
    ///
    /// The listening socket is closed before any connection is touched. Connections
    /// between requests close at once; one with a request in progress gets its response
    /// (with `Connection: close`) and then closes; whatever remains after `gracePeriod`
    /// is closed abruptly. Calling it again, or concurrently, waits for the first call.
    public func shutdown(gracePeriod: Double = 10) {
        let listener: Listener? = state.withLock { state in
            guard state.phase == .running else { return nil }
            state.phase = .stopping
            return state.listener
        }
        guard let listener else {
            running.wait()
            return
        }
        listener.stop()
        let connections = state.withLock { Array($0.connections.values) }
        for connection in connections { connection.beginShutdown() }
        if openConnections.wait(timeout: .now() + max(0, gracePeriod)) == .timedOut {
            let remaining = state.withLock { Array($0.connections.values) }
            logger.debug("grace period over", metadata: ["connections": "\(remaining.count)"])
            for connection in remaining { connection.forceClose() }
            _ = openConnections.wait(timeout: .now() + 5)
        }
        state.withLock { state in
            state.phase = .stopped
            state.listener = nil
        }
        logger.debug("stopped")
        running.leave()
    }

    /// Blocks the calling thread until shutdown completes (returns at once if the
    /// server was never started).
    public func waitUntilStopped() {
        running.wait()
    }

    /// Number of open connections (for tests and diagnostics).
    var connectionCount: Int {
        state.withLock { $0.connections.count }
    }

    private enum Admission {
        case admit(HTTPConnection)
        case full
        case refuse
    }

    /// Called on the listener's queue with each accepted, non-blocking descriptor.
    ///
    /// Over `maxConnections`, or when the descriptor shows the process is close to its
    /// open-file limit (`Socket.descriptorCeiling()`), the client gets 503 and is closed
    /// at once, so the process never runs completely out of descriptors under load.
    private func accepted(_ fd: Int32) {
        Socket.setNoDelay(fd)
        let nearDescriptorLimit = fd >= Socket.descriptorCeiling()
        let admission: Admission = state.withLock { state in
            guard state.phase == .running else { return .refuse }
            guard state.connections.count < configuration.maxConnections, !nearDescriptorLimit else { return .full }
            state.nextConnectionID += 1
            let connection = HTTPConnection(id: state.nextConnectionID, fd: fd, context: context) { [self] id in
                connectionClosed(id)
            }
            state.connections[connection.id] = connection
            openConnections.enter()
            context.gauges.connectionsChanged(by: 1)
            return .admit(connection)
        }
        switch admission {
        case .admit(let connection):
            connection.start()
        case .full:
            logger.debug("connection refused: limit reached", metadata: ["descriptors": "\(nearDescriptorLimit ? "near limit" : "ok")"])
            let bytes = ResponseSerializer.serialize(
                context.responder.refused(HTTPParseError.serviceUnavailable.response), isHeadRequest: false, close: true)
            _ = bytes.withUnsafeBytes { Socket.send(fd, $0) }   // best effort; never blocks
            Socket.shutdownWrite(fd)
            Socket.discardPendingInput(fd)   // unread input would turn the close into a reset
            Socket.close(fd)
        case .refuse:
            Socket.close(fd)
        }
    }

    private func connectionClosed(_ id: UInt64) {
        let (removed, listener) = state.withLock { ($0.connections.removeValue(forKey: id), $0.listener) }
        if removed != nil {
            openConnections.leave()
            context.gauges.connectionsChanged(by: -1)
        }
        listener?.descriptorReleased()
    }
}
