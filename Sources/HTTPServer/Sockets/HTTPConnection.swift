import Dispatch
import Logging

/// One client connection, event-driven on one `EventLoop`: readable reports feed the
/// parser, writable reports (asked for only after `send` met EAGAIN) drain the output, and
/// one loop timer enforces the header, idle and linger timeouts.
///
/// Requests are answered strictly in order: one request at a time goes to the
/// responder on the worker pool; its serialized response is appended to the output
/// buffer before the next queued event is taken (RFC 9112 §9.3.2 pipelining).
///
/// Thread safety (`@unchecked Sendable`): every mutable property is touched only on
/// `loop`'s thread — readiness reports, timers and tasks run there, and the only entry
/// points from other threads (`beginShutdown`, `forceClose`, the responder's completion,
/// a streamed body's producer) hop onto it with `loop.execute`.
final class HTTPConnection: LoopHandler, @unchecked Sendable {
    enum Phase {
        /// Reading requests and writing responses.
        case open
        /// A closing response is queued; incoming bytes are discarded until it is written.
        case closingAfterWrite
        /// Write side shut down; discarding input until the peer closes or time runs out.
        case lingering
        /// Torn down; the descriptor is closed once every source has been cancelled.
        case closed
    }

    /// Stop reading while this many parsed events wait (bounds pipelined memory).
    static let maxQueuedEvents = 8
    /// Stop taking new requests / reading while this many output bytes are unsent.
    static let outputHighWater = 256 * 1024
    /// Bytes read per `recv` call.
    static let readChunkBytes = 16 * 1024
    /// Reads per readiness report before yielding the loop to other connections.
    static let readsPerEvent = 16

    // State below is read and written only on the loop's thread (see the type's comment);
    // the extensions in HTTPConnection+*.swift share it, hence internal, not private.

    /// Server-wide unique connection number, for logs.
    let id: UInt64
    /// The connected, non-blocking socket; closed once, when the connection is torn down.
    let fd: Int32
    /// The loop that accepted the connection and serves it to the end.
    let loop: EventLoop
    let context: ConnectionContext
    /// Tells the server the descriptor is closed; called exactly once.
    let onClosed: @Sendable (UInt64) -> Void

    var phase = Phase.open
    var parser: HTTPRequestParser
    /// Parsed events not yet acted on, oldest at `pendingStart`.
    var pending: [HTTPParserEvent] = []
    var pendingStart = 0
    /// A request is with the responder; its response has not been queued yet.
    var inFlight = false
    /// Serialized bytes not yet accepted by the kernel, from `outputOffset` on.
    var output: [UInt8] = []
    var outputOffset = 0
    /// The peer shut down its sending side (`recv` returned 0).
    var peerClosed = false
    /// The server is shutting down: close at the next point between requests.
    var stopping = false

    /// What the loop reports for `fd`: readable while input is wanted, writable while
    /// output waits for room in the socket buffer.
    var interest = Epoll.Interest.none
    /// The earliest deadline a loop timer is pending for (`distantFuture` when none).
    var timerDeadline = DispatchTime.distantFuture
    /// When the first byte of the current, still incomplete, header section arrived.
    var headStartedAt: DispatchTime?
    /// When the connection was accepted: its first header section must be complete
    /// `headerReadTimeout` after this, however slowly its bytes trickle in.
    let openedAt = DispatchTime.now()
    /// Whether the parser has produced any event yet (a first head was complete).
    var receivedHead = false
    /// When the body now being read began (its head completed), for the minimum body rate.
    var bodyStartedAt: DispatchTime?
    /// Last byte read or written.
    var lastActivity = DispatchTime.now()
    var lingerDeadline = DispatchTime.distantFuture
    /// Bytes discarded while closing, capped by `ConnectionContext.maxLingerBytes`.
    var lingerBytes = 0
    /// The streamed body being sent; its request counts as in flight until it ends.
    var activeStream: ActiveStream?
    /// Once the output is written, reset the connection (RST) instead of closing it
    /// gracefully: an aborted close-delimited body must not look complete.
    var resetAfterWrite = false

    /// Wraps an accepted, non-blocking socket. Nothing happens until `start()`.
    /// - Parameter onClosed: called once, on the loop's thread, after the descriptor is closed.
    init(id: UInt64, fd: Int32, loop: EventLoop, context: ConnectionContext,
         onClosed: @escaping @Sendable (UInt64) -> Void) {
        self.id = id
        self.fd = fd
        self.loop = loop
        self.context = context
        self.onClosed = onClosed
        self.parser = HTTPRequestParser(limits: context.limits)
    }

    /// Registers with the loop and begins serving. On the loop's thread.
    func start() {
        interest = Epoll.Interest(read: true, write: false)
        let error = loop.register(fd, self, interest: interest)
        guard error == 0 else {
            context.logger.debug("connection not registered", metadata: ["connection": "\(id)", "errno": "\(error)"])
            phase = .closed
            Socket.close(fd)
            onClosed(id)
            return
        }
        context.logger.debug("connection opened", metadata: ["connection": "\(id)"])
        scheduleTimer()
    }

    /// Server shutdown: close now if between requests, else after the current response.
    func beginShutdown() {
        loop.execute { [self] in
            stopping = true
            if phase == .open, !inFlight, pendingStart == pending.count, output.isEmpty, parser.isIdle {
                tearDown("server shutdown")
            }
        }
    }

    /// Closes at once, whatever is in progress (shutdown grace period over).
    func forceClose() {
        loop.execute { [self] in tearDown("forced close") }
    }

    /// The loop's report for `fd`. A hang-up (reset, or both directions shut) is answered
    /// by reading if input is wanted (the read reports it), by writing if output waits (the
    /// write fails), and otherwise by closing: nothing more can be exchanged.
    func handleReadiness(readable: Bool, writable: Bool, hangUp: Bool) {
        if readable || (hangUp && interest.read) { handleReadable() }
        guard phase != .closed else { return }
        if writable || (hangUp && interest.write) { processPending() }
        if hangUp, phase != .closed, !interest.read, !interest.write { tearDown("hang-up") }
    }

    // MARK: Reading

    /// Reads until the socket is drained (a short read or EAGAIN), the peer is done, or reading
    /// should pause. After `readsPerEvent` reads it returns: the level-triggered registration reports the
    /// rest at the loop's next turn, so one busy connection cannot hold the loop.
    private func handleReadable() {
        var budget = Self.readsPerEvent
        while phase != .closed, readingWanted, budget > 0 {
            budget -= 1
            let outcome = withUnsafeTemporaryAllocation(byteCount: Self.readChunkBytes, alignment: 1) { buffer in
                let result = Socket.receive(fd, into: buffer)
                if case .bytes(let count) = result {
                    received(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                }
                return result
            }
            switch outcome {
            case .bytes(let count) where count < Self.readChunkBytes:
                // A short read emptied the socket buffer: asking again would only meet EAGAIN. Anything
                // arriving later (a FIN included) is reported by the level-triggered registration.
                return
            case .bytes: continue
            case .wouldBlock: return
            case .endOfStream: peerDidClose(); return
            case .failed(let code): tearDown("read failed, errno \(code)"); return
            }
        }
    }

    private func received(_ bytes: UnsafeRawBufferPointer) {
        lastActivity = .now()
        switch phase {
        case .open:
            let events = parser.feed(bytes)
            if !events.isEmpty {
                receivedHead = true
                pending.append(contentsOf: events)
                headStartedAt = nil          // a head completed; any new partial one starts now
            }
            if parser.hasPartialHead {
                if headStartedAt == nil { headStartedAt = lastActivity }
            } else {
                headStartedAt = nil
            }
            if parser.bodyBytesReceived == nil {
                bodyStartedAt = nil
            } else if bodyStartedAt == nil || !events.isEmpty {
                bodyStartedAt = lastActivity     // a head just completed: its body starts now
            }
            processPending()
        case .closingAfterWrite, .lingering:
            lingerBytes += bytes.count       // discarded: the connection is closing
            if lingerBytes > context.maxLingerBytes { tearDown("discard limit") }
        case .closed:
            break
        }
    }

    private func peerDidClose() {
        peerClosed = true
        switch phase {
        case .open: processPending()         // answer what was received, then close
        case .lingering: tearDown("closed")
        case .closingAfterWrite, .closed: updateReadInterest()
        }
    }

    /// Whether more input should be read now: not after end-of-stream, and in the open
    /// phase only while few events are queued and little output is unsent.
    var readingWanted: Bool {
        switch phase {
        case .open:
            return !peerClosed && pending.count - pendingStart < Self.maxQueuedEvents
                && output.count - outputOffset < Self.outputHighWater
        case .closingAfterWrite, .lingering:
            return !peerClosed
        case .closed:
            return false
        }
    }

    /// Withdraws read interest when reading is not wanted (a level-triggered registration
    /// at end-of-stream would report forever) and restores it when it is wanted again
    /// (bytes already waiting are then reported at the loop's next turn).
    func updateReadInterest() {
        setInterest(read: readingWanted, write: interest.write)
    }

    /// Tells the loop, if it changed, what `fd` should be reported for.
    func setInterest(read: Bool, write: Bool) {
        guard phase != .closed else { return }
        let wanted = Epoll.Interest(read: read, write: write)
        guard wanted != interest else { return }
        interest = wanted
        loop.setInterest(fd, wanted)
    }
}
