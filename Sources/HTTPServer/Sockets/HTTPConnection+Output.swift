import Dispatch
import Logging

/// Writing output with backpressure, and closing: lingering half-close and teardown.
/// Everything here runs on the connection's loop thread.
extension HTTPConnection {
    /// Writes as much output as the socket takes; on EAGAIN waits for writability.
    func flush() {
        guard phase != .closed else { return }
        defer { activeStream?.channel.reportUnsent(output.count - outputOffset) }
        while outputOffset < output.count {
            let result = output.withUnsafeBytes { raw in
                Socket.send(fd, UnsafeRawBufferPointer(rebasing: raw[outputOffset...]))
            }
            switch result {
            case .bytes(let count):
                outputOffset += count
                lastActivity = .now()
            case .wouldBlock:
                setWriteInterest(true)
                return
            case .endOfStream, .failed:
                tearDown("write failed")
                return
            }
        }
        if !output.isEmpty {
            if output.capacity > 65536 { output = [] } else { output.removeAll(keepingCapacity: true) }
            outputOffset = 0
        }
        setWriteInterest(false)
        if phase == .closingAfterWrite {
            if resetAfterWrite {
                tearDown("stream aborted")
            } else {
                startLingering()
            }
        }
    }

    private func setWriteInterest(_ wanted: Bool) {
        setInterest(read: interest.read, write: wanted)
    }

    /// Half-closes after the last response, then drains input briefly (RFC 9112 §9.6).
    private func startLingering() {
        Socket.shutdownWrite(fd)
        if peerClosed {
            tearDown("closed")
            return
        }
        phase = .lingering
        lingerDeadline = .now() + context.lingerTimeout
        updateReadInterest()
        scheduleTimer()
    }

    /// Deregisters from the loop and closes the descriptor.
    ///
    /// A close-delimited (HTTP/1.0) streamed body that is cut short here, or was
    /// aborted, ends with a reset rather than a normal close, which would make the
    /// truncated body look complete (RFC 9112 §6.3).
    func tearDown(_ reason: String) {
        guard phase != .closed else { return }
        if resetAfterWrite || activeStream.map({ !$0.chunked }) == true {
            Socket.resetOnClose(fd)
        }
        phase = .closed
        pending = []
        output = []
        activeStream?.channel.close()      // a producer waiting in `write` throws now
        activeStream = nil
        parser = HTTPRequestParser(limits: context.limits)
        context.logger.debug("connection closed", metadata: ["connection": "\(id)", "reason": "\(reason)"])
        loop.deregister(fd)
        Socket.close(fd)
        onClosed(id)
    }
}
