import Dispatch
import Logging

/// One client connection, event-driven: a `DispatchSourceRead` feeds the parser, a
/// lazily created `DispatchSourceWrite` drains output when the socket buffer is full
/// (EAGAIN), and one `DispatchSourceTimer` enforces the header, idle and linger timeouts.
///
/// Requests are answered strictly in order: one request at a time goes to the
/// responder on the worker queue; its serialized response is appended to the output
/// buffer before the next queued event is taken (RFC 9112 §9.3.2 pipelining).
///
/// Thread safety (`@unchecked Sendable`): every mutable property is touched only on
/// `queue`, a private serial queue — all source handlers run there, and the only
/// entry points from other threads (`start`, `beginShutdown`, `forceClose`, the
/// responder's completion) hop onto it with `queue.async`.
final class HTTPConnection: @unchecked Sendable {
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
    /// Reads per turn before yielding the queue to other work.
    static let readsPerEvent = 16

    // State below is read and written only on `queue` (see the type's comment);
    // the extensions in HTTPConnection+*.swift share it, hence internal, not private.

    /// Server-wide unique connection number, for logs.
    let id: UInt64
    /// The connected, non-blocking socket; closed once, after every source is cancelled.
    let fd: Int32
    /// The connection's serial queue (targets one of the server's event-loop queues).
    let queue: DispatchQueue
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

    var readSource: DispatchSourceRead?
    var readSuspended = false
    /// Created on the first EAGAIN from `send`; suspended while output is empty.
    var writeSource: DispatchSourceWrite?
    var writeSuspended = false
    /// Descriptor sources whose cancel handler has not run yet.
    var liveDescriptorSources = 0
    var timer: DispatchSourceTimer?
    /// The deadline the timer is armed for (`distantFuture` when unarmed).
    var timerDeadline = DispatchTime.distantFuture
    /// When the first byte of the current, still incomplete, header section arrived.
    var headStartedAt: DispatchTime?
    /// When the connection was accepted: its first header section must be complete
    /// `headerReadTimeout` after this, however slowly its bytes trickle in.
    let openedAt = DispatchTime.now()
    /// Whether the parser has produced any event yet (a first head was complete).
    var receivedHead = false
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
    /// - Parameter onClosed: called once, on `queue`, after the descriptor is closed.
    init(id: UInt64, fd: Int32, context: ConnectionContext, onClosed: @escaping @Sendable (UInt64) -> Void) {
        self.id = id
        self.fd = fd
        self.context = context
        self.onClosed = onClosed
        self.parser = HTTPRequestParser(limits: context.limits)
        let loop = context.eventLoops[Int(id % UInt64(context.eventLoops.count))]
        self.queue = DispatchQueue(label: "http.connection", target: loop)
    }

    /// Installs the read source and timer and begins serving.
    func start() {
        queue.async { [self] in
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            source.setEventHandler { [self] in handleReadable() }
            source.setCancelHandler { [self] in descriptorSourceCancelled() }
            liveDescriptorSources += 1
            readSource = source
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.setEventHandler { [self] in timerFired() }
            timer.schedule(deadline: .distantFuture)
            self.timer = timer
            source.activate()
            timer.activate()
            context.logger.debug("connection opened", metadata: ["connection": "\(id)"])
            scheduleTimer()
        }
    }

    /// Server shutdown: close now if between requests, else after the current response.
    func beginShutdown() {
        queue.async { [self] in
            stopping = true
            if phase == .open, !inFlight, pendingStart == pending.count, output.isEmpty, parser.isIdle {
                tearDown("server shutdown")
            }
        }
    }

    /// Closes at once, whatever is in progress (shutdown grace period over).
    func forceClose() {
        queue.async { [self] in tearDown("forced close") }
    }

    // MARK: Reading

    /// Reads until the socket would block, the peer is done, or reading should pause.
    ///
    /// Draining matters: on Linux, libdispatch drops an fd's epoll registration once
    /// the socket reports hang-up, so bytes left unread then would never be announced
    /// again. After `readsPerEvent` reads the loop re-queues itself instead of waiting
    /// for another event, so one busy connection cannot hold the thread.
    private func handleReadable() {
        var budget = Self.readsPerEvent
        while phase != .closed, readingWanted {
            guard budget > 0 else {
                queue.async { [self] in handleReadable() }
                return
            }
            budget -= 1
            let outcome = withUnsafeTemporaryAllocation(byteCount: Self.readChunkBytes, alignment: 1) { buffer in
                let result = Socket.receive(fd, into: buffer)
                if case .bytes(let count) = result {
                    received(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                }
                return result
            }
            switch outcome {
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

    /// Suspends the read source when reading is not wanted (a level-triggered source
    /// at end-of-stream would fire forever); resumes it — and reads at once, since
    /// bytes may be waiting that no new event will announce — when it is wanted again.
    func updateReadInterest() {
        guard let readSource, phase != .closed else { return }
        let wanted = readingWanted
        if wanted, readSuspended {
            readSuspended = false
            readSource.resume()
            queue.async { [self] in handleReadable() }
        } else if !wanted, !readSuspended {
            readSuspended = true
            readSource.suspend()
        }
    }
}
