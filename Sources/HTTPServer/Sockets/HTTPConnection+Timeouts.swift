import Dispatch

/// The connection's timeouts (RFC 9112 §9.5) on its loop's timers. A loop timer is asked
/// for only when a deadline moves earlier; when one fires early because activity pushed
/// the deadline later, it simply re-arms. All on the connection's loop thread.
extension HTTPConnection {
    /// The moment the connection should next be checked, or `nil` while the
    /// responder holds a request and nothing waits to be written (a slow responder
    /// is not the client's fault).
    /// - linger: `lingerTimeout` after the half-close;
    /// - unsent output (client not reading): `idleTimeout` after the last progress;
    /// - the first header section of a connection: `headerReadTimeout` after accept;
    /// - a later partial header section: `headerReadTimeout` after its first byte;
    /// - a body arriving: `idleTimeout` after the last byte read, and no later than the moment
    ///   its average rate since it started, less `headerReadTimeout` of grace, falls under
    ///   `minimumBodyBytesPerSecond` (a trickle of bytes otherwise held the connection);
    /// - otherwise (idle): `idleTimeout` after the last byte read.
    func currentDeadline() -> DispatchTime? {
        switch phase {
        case .closed:
            return nil
        case .lingering:
            return lingerDeadline
        case .closingAfterWrite:
            return lastActivity + context.idleTimeout
        case .open:
            if !output.isEmpty { return lastActivity + context.idleTimeout }
            if inFlight || pendingStart < pending.count { return nil }
            if !receivedHead {
                // A new connection must deliver its first head within `headerReadTimeout`
                // of being accepted, so silent or trickling clients cannot hold a slot longer.
                if parser.hasPartialHead { return openedAt + context.headerReadTimeout }
                if parser.isIdle { return min(openedAt + context.headerReadTimeout, lastActivity + context.idleTimeout) }
            }
            if parser.hasPartialHead, let headStartedAt {
                return headStartedAt + context.headerReadTimeout
            }
            if let bodyStartedAt, let received = parser.bodyBytesReceived {
                let rateDeadline = bodyStartedAt + context.headerReadTimeout + Double(received) / context.minimumBodyBytesPerSecond
                return min(lastActivity + context.idleTimeout, rateDeadline)
            }
            return lastActivity + context.idleTimeout
        }
    }

    /// Arms the timer if the current deadline is earlier than the armed one.
    func scheduleTimer() {
        guard phase != .closed, let deadline = currentDeadline(), deadline < timerDeadline else { return }
        timerDeadline = deadline
        loop.schedule(self, at: deadline)
    }

    /// Acts on an expired deadline: 408 for an incomplete request, a silent close
    /// for an idle connection, an abort for a stalled write or an overlong linger.
    func timerFired() {
        timerDeadline = .distantFuture
        guard phase != .closed, let deadline = currentDeadline() else { return }
        guard DispatchTime.now() >= deadline else {
            scheduleTimer()
            return
        }
        switch phase {
        case .lingering:
            tearDown("linger timeout")
        case .closingAfterWrite:
            tearDown("write timeout")
        case .open:
            if !output.isEmpty {
                tearDown("write timeout")
            } else if parser.isIdle {
                tearDown("idle timeout")
            } else {
                context.logger.debug("request timed out", metadata: ["connection": "\(id)"])
                queueClosingResponse(context.responder.refused(HTTPParseError.requestTimeout.response))
                processPending()
            }
        case .closed:
            break
        }
    }
}
