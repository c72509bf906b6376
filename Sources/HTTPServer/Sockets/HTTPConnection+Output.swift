import Dispatch
import Logging

/// Writing output with backpressure, and closing: lingering half-close and teardown.
/// Everything here runs on the connection's `queue`.
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
        if wanted {
            if let writeSource {
                if writeSuspended {
                    writeSuspended = false
                    writeSource.resume()
                }
            } else {
                let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: queue)
                source.setEventHandler { [self] in if phase != .closed { processPending() } }
                source.setCancelHandler { [self] in descriptorSourceCancelled() }
                liveDescriptorSources += 1
                writeSource = source
                source.activate()
            }
        } else if let writeSource, !writeSuspended {
            writeSuspended = true
            writeSource.suspend()
        }
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

    /// Cancels every source; the descriptor is closed when the last cancel handler runs.
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
        timer?.cancel()
        timer = nil
        context.logger.debug("connection closed", metadata: ["connection": "\(id)", "reason": "\(reason)"])
        if let readSource {
            readSource.cancel()
            if readSuspended { readSuspended = false; readSource.resume() }
        }
        if let writeSource {
            writeSource.cancel()
            if writeSuspended { writeSuspended = false; writeSource.resume() }
        }
        if liveDescriptorSources == 0 { closeDescriptor() }
    }

    func descriptorSourceCancelled() {
        liveDescriptorSources -= 1
        if liveDescriptorSources == 0, phase == .closed { closeDescriptor() }
    }

    private func closeDescriptor() {
        readSource = nil
        writeSource = nil
        Socket.close(fd)
        onClosed(id)
    }
}
