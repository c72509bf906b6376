import Logging

/// Taking parsed events in order and running requests on the worker pool.
/// Everything here runs on the connection's loop thread.
extension HTTPConnection {
    /// Takes queued events in order while nothing is in flight, then writes and
    /// re-evaluates reading, closing and the timer.
    func processPending() {
        repeat {
            takeQueuedEvents()
            flush()
        } while canTakeEvent    // flushing may have made room for the next event
        if phase == .open, !inFlight, pending.isEmpty, output.isEmpty {
            if peerClosed {
                tearDown("closed by peer")
            } else if stopping, parser.isIdle {
                tearDown("server shutdown")
            }
        }
        updateReadInterest()
        scheduleTimer()
    }

    private var canTakeEvent: Bool {
        phase == .open && !inFlight && pendingStart < pending.count
            && output.count - outputOffset < Self.outputHighWater
    }

    private func takeQueuedEvents() {
        while canTakeEvent {
            let event = pending[pendingStart]
            pendingStart += 1
            switch event {
            case .expectContinue:
                output.append(contentsOf: ResponseSerializer.continueBytes)
                // The client sends its body only now: the minimum body rate counts from here.
                if bodyStartedAt != nil { bodyStartedAt = .now() }
            case .request(let request):
                dispatch(request)
            case .error(let error):
                context.logger.debug("request rejected", metadata: ["connection": "\(id)", "status": "\(error.status)"])
                queueClosingResponse(context.responder.refused(error.response))
            }
        }
        if pendingStart == pending.count, pendingStart > 0 {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
        }
    }

    private func dispatch(_ request: HTTPRequest) {
        inFlight = true
        let keepAlive = request.wantsKeepAlive
        let isHead = request.method == "HEAD"
        let isHTTP10 = request.version == .http1_0
        let responder = context.responder
        if responder.answersInline(request) {
            // On the loop's thread: no hand-off, no wait behind the workers. The answer is queued at
            // once and the caller goes on taking events, so the answers to pipelined inline requests
            // leave in one write.
            let response = responder.respond(to: request)
            queueResponse(response, isHead: isHead, keepAlive: keepAlive, isHTTP10: isHTTP10)
            return
        }
        let workers = request.hasSafeMethod ? context.readWorkers : context.writeWorkers
        workers.async { [self] in
            let response = responder.respond(to: request)
            if !isHead, let producer = response.stream,
               ResponseSerializer.allowsBody(ResponseSerializer.effectiveStatus(response)) {
                runStream(response, producer: producer, keepAlive: keepAlive, isHTTP10: isHTTP10)
                return
            }
            loop.execute { [self] in
                complete(response, isHead: isHead, keepAlive: keepAlive, isHTTP10: isHTTP10)
            }
        }
    }

    /// A worker's answer, back on the loop: queued, then the next events are taken and the output written.
    private func complete(_ response: HTTPResponse, isHead: Bool, keepAlive: Bool, isHTTP10: Bool) {
        let wasOpen = phase == .open
        queueResponse(response, isHead: isHead, keepAlive: keepAlive, isHTTP10: isHTTP10)
        if wasOpen { processPending() }
    }

    /// Ends the request in flight: its response joins the output (not written yet); a closing one
    /// stops taking requests.
    private func queueResponse(_ response: HTTPResponse, isHead: Bool, keepAlive: Bool, isHTTP10: Bool) {
        inFlight = false
        guard phase == .open else { return }
        let close = !keepAlive || stopping || response.headers.lowercasedTokens("Connection").contains("close")
        appendOutput(ResponseSerializer.serialize(
            response, isHeadRequest: isHead, close: close, announceKeepAlive: isHTTP10 && !close,
            chunkedStream: !isHTTP10))
        lastActivity = .now()
        if close { beginClosing() }
    }

    /// Queues an error response (server-generated, `Connection: close`) and starts closing.
    func queueClosingResponse(_ response: HTTPResponse) {
        appendOutput(ResponseSerializer.serialize(response, isHeadRequest: false, close: true))
        beginClosing()
    }

    /// Queues bytes for writing; takes the array as is when nothing is queued (no copy).
    func appendOutput(_ bytes: [UInt8]) {
        if output.isEmpty {
            output = bytes
            outputOffset = 0
        } else {
            output.append(contentsOf: bytes)
        }
    }

    /// Stops taking requests; the connection closes once the output is written.
    func beginClosing() {
        phase = .closingAfterWrite
        pending = []
        pendingStart = 0
    }
}
