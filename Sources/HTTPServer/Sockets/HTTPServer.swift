import Dispatch
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server over POSIX sockets and our own epoll event loops (RFC 9112).
///
/// Design: `configuration.eventLoops` threads each wait on an epoll instance (`EventLoop`).
/// The listening socket is watched by all of them (EPOLLEXCLUSIVE), so accepting is spread
/// over the loops and a connection stays on the loop that accepted it: reading, parsing,
/// and writing happen inline there, with non-blocking sockets. Complete requests go to one
/// of two fixed pools of worker threads (`WorkerPool`), where the responder may block: reads
/// (safe methods) to one, every other request to the other, so reads never queue behind
/// writes that wait (for a database's one writer, say). The response comes back to the
/// connection's loop as one task (one wake-up). A responder may answer some requests inline
/// on the loop instead (`HTTPResponder.answersInline`). The producer of a streamed body runs
/// on a thread of its own, since it may block for as long as the client reads slowly (see
/// `HTTPResponse.stream`). Idle connections cost a descriptor and one small object, and no
/// thread; an idle server sleeps in `epoll_wait`.
///
/// Thread safety: all stored properties are immutable and `Sendable`; the mutable
/// server state lives in a `Locked` box.
public final class HTTPServer: Sendable {
    private enum Phase { case idle, starting, running, stopping, stopped }

    private struct State {
        var phase = Phase.idle
        var listener: Listener?
        var loops: [EventLoop] = []
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
            minimumBodyBytesPerSecond: configuration.minimumBodyBytesPerSecond,
            lingerTimeout: 2,
            maxLingerBytes: 1 << 20,
            responder: responder,
            readWorkers: WorkerPool(threads: configuration.readWorkerThreads, niceness: Int32(clamping: configuration.workerNiceness), lane: "read"),
            writeWorkers: WorkerPool(threads: configuration.writeWorkerThreads, niceness: Int32(clamping: configuration.workerNiceness), lane: "write"),
            logger: logger,
            gauges: ServerGauges())
    }

    /// Binds and listens, starts the event loops; returns the bound port (the real one when
    /// `configuration.port == 0`).
    ///
    /// Also sets `SIGPIPE` to ignored for the process (writes use `MSG_NOSIGNAL` too).
    /// - Throws: `SocketError` (with errno) when the address cannot be resolved, bound
    ///   (`EADDRINUSE`, `EACCES`, …) or listened on, or an epoll instance cannot be made.
    /// - Precondition: called at most once per server.
    public func start() throws -> Int {
        state.withLock { state in
            precondition(state.phase == .idle, "HTTPServer.start() may be called only once")
            state.phase = .starting
        }
        signal(SIGPIPE, SIG_IGN)
        let bound: (fd: Int32, port: Int)
        var loops: [EventLoop] = []
        do {
            bound = try Socket.makeListener(host: configuration.host, port: configuration.port, backlog: SOMAXCONN)
            do {
                for index in 0..<max(1, configuration.eventLoops) { loops.append(try EventLoop(index: index)) }
            } catch {
                for loop in loops { loop.stop() }
                Socket.close(bound.fd)
                throw error
            }
        } catch {
            state.withLock { $0.phase = .idle }
            throw error
        }
        let listener = Listener(fd: bound.fd, loops: loops, logger: logger) { [self] client, loop in
            accepted(client, on: loop)
        }
        running.enter()
        state.withLock { state in
            state.phase = .running
            state.listener = listener
            state.loops = loops
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
        let loops = state.withLock { state in
            state.phase = .stopped
            state.listener = nil
            defer { state.loops = [] }
            return state.loops
        }
        for loop in loops { loop.stop() }
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

    /// Called on `loop`'s thread with each descriptor it accepted (non-blocking).
    ///
    /// Over `maxConnections`, or when the descriptor shows the process is close to its
    /// open-file limit (`Socket.descriptorCeiling()`), the client gets 503 and is closed
    /// at once, so the process never runs completely out of descriptors under load.
    private func accepted(_ fd: Int32, on loop: EventLoop) {
        Socket.setNoDelay(fd)
        let nearDescriptorLimit = fd >= Socket.descriptorCeiling()
        let admission: Admission = state.withLock { state in
            guard state.phase == .running else { return .refuse }
            guard state.connections.count < configuration.maxConnections, !nearDescriptorLimit else { return .full }
            state.nextConnectionID += 1
            let connection = HTTPConnection(id: state.nextConnectionID, fd: fd, loop: loop, context: context) { [self] id in
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
