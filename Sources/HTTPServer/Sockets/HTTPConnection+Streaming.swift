import Dispatch
import Logging

/// The streamed body a connection is sending (see `HTTPResponse.stream`).
struct ActiveStream {
    /// Where the producer's writes wait to be taken into the output.
    let channel: BodyStreamChannel
    /// Chunked framing (HTTP/1.1); otherwise the body is close-delimited (HTTP/1.0).
    let chunked: Bool
    /// Close the connection once the body is complete.
    let closesConnection: Bool
}

/// Sending a streamed response body: the producer writes through a `BodyStreamChannel`;
/// the connection takes its bytes into the ordinary output (so writing, backpressure
/// and timeouts work as for any response). The request stays in flight until the body
/// ends, so pipelined requests wait.
///
/// The producer does not run on the worker pool: it may block for as long as the client
/// reads slowly, so a few stalled downloads would hold every worker. Each producer gets its
/// own serial Dispatch queue instead, which Dispatch serves from its overcommitting pool (a
/// thread per blocked producer, reused once it returns).
extension HTTPConnection {
    /// Worker thread: queues the head (waiting for the loop to take it), then starts
    /// `producer` on its own queue, which ends the response when the producer returns or
    /// throws. Returns at once, without running the producer, if the connection is gone.
    func runStream(_ response: HTTPResponse, producer: @escaping HTTPBodyProducer, keepAlive: Bool, isHTTP10: Bool) {
        let channel = BodyStreamChannel(chunked: !isHTTP10, highWater: Self.outputHighWater) { [self] in
            loop.execute { [self] in drainStream() }
        }
        // Synchronous, so the producer never runs for a connection that is already gone.
        let started = loop.executeAndWait { [self] in
            beginStream(response, channel: channel, keepAlive: keepAlive, isHTTP10: isHTTP10)
        }
        guard started == true else { return }     // nil: the server's loops have stopped
        DispatchQueue(label: "http.stream-producer").async { [self] in
            var failure: (any Error)?
            do {
                try producer(HTTPBodyWriter { try channel.write($0) })
            } catch {
                failure = error
            }
            let outcome = failure
            loop.execute { [self] in endStream(channel, failure: outcome) }
        }
    }

    /// Queues the head (chunked for HTTP/1.1, close-delimited for HTTP/1.0) and
    /// makes `channel` the active stream. `false` when the connection is no longer open.
    private func beginStream(
        _ response: HTTPResponse, channel: BodyStreamChannel, keepAlive: Bool, isHTTP10: Bool
    ) -> Bool {
        guard phase == .open else {
            inFlight = false
            return false
        }
        let close = isHTTP10 || !keepAlive || stopping
            || response.headers.lowercasedTokens("Connection").contains("close")
        appendOutput(ResponseSerializer.serialize(
            response, isHeadRequest: false, close: close, chunkedStream: !isHTTP10))
        activeStream = ActiveStream(channel: channel, chunked: !isHTTP10, closesConnection: close)
        lastActivity = .now()
        processPending()
        return true
    }

    /// Takes what the active stream's producer wrote into the output and writes it.
    /// A late drain (its stream already ended) takes from the current stream, if any,
    /// which is harmless: that stream's own drain then finds less to do.
    private func drainStream() {
        guard phase != .closed, let stream = activeStream else { return }
        let bytes = stream.channel.take()
        if !bytes.isEmpty { appendOutput(bytes) }
        processPending()
    }

    /// The producer returned or threw: queue the rest, then the last chunk, or abort.
    ///
    /// On failure the message is left incomplete on purpose (RFC 9112 §8): for chunked
    /// framing the connection is closed after the written chunks, without the last
    /// chunk; a close-delimited (HTTP/1.0) body would look complete after a normal
    /// close, so that connection is reset instead.
    private func endStream(_ channel: BodyStreamChannel, failure: (any Error)?) {
        guard phase != .closed, let stream = activeStream, stream.channel === channel else { return }
        let rest = channel.take()
        channel.close()
        activeStream = nil
        inFlight = false
        if !rest.isEmpty { appendOutput(rest) }
        lastActivity = .now()
        if let failure {
            context.logger.debug("stream aborted", metadata: [
                "connection": "\(id)", "error": "\(type(of: failure))",
            ])
            resetAfterWrite = !stream.chunked
            beginClosing()
        } else {
            if stream.chunked { appendOutput(ResponseSerializer.lastChunk) }
            if stream.closesConnection || stopping { beginClosing() }
        }
        processPending()
    }
}
