/// An incremental HTTP/1.1 request parser (RFC 9112): feed it bytes in any split,
/// get back zero or more events per feed, in wire order.
///
/// A pure value over bytes — no I/O, no clock. Pipelined requests in one buffer
/// come out as several `.request` events. Nothing is buffered beyond one partial
/// request line or header section (bounded by the limits) and one body (bounded by
/// `maxBodyBytes`, grown as bytes arrive, never reserved from a client's claim).
/// After an `.error` event the parser is dead and ignores further input.
struct HTTPRequestParser {
    /// Where the parser is within the current request.
    enum State: Equatable {
        case requestLine
        case headerLines
        case fixedBody(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerLines
        case failed
    }

    /// The validated request line and fields of the request being read.
    struct Head {
        var method = ""
        var target = ""
        var path = ""
        var query = QueryParameters()
        var version = HTTPVersion.http1_1
        var headers = HTTPHeaders()
        /// Bytes of the header (or trailer) section received so far, CRLFs included.
        var sectionBytes = 0
    }

    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A

    let limits: HTTPParserLimits
    private(set) var state: State = .requestLine
    var head = Head()
    var body: [UInt8] = []
    /// Received, not yet consumed bytes live in `buffer[position...]`.
    var buffer: [UInt8] = []
    var position = 0
    /// Where the search for the next LF resumes, so partial lines are scanned once.
    private var scanPosition = 0

    /// Creates a parser enforcing `limits`.
    init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
    }

    /// True when no byte of a next request has arrived (between requests).
    var isIdle: Bool { state == .requestLine && position == buffer.count }

    /// True while a request line or header section has started but not finished.
    var hasPartialHead: Bool {
        (state == .requestLine && position < buffer.count) || state == .headerLines
    }

    /// Bytes of the current request's body received so far, while one is being read
    /// (between its head and its end); nil otherwise.
    var bodyBytesReceived: Int? {
        switch state {
        case .fixedBody, .chunkSizeLine, .chunkData, .chunkDataEnd, .trailerLines: return body.count
        case .requestLine, .headerLines, .failed: return nil
        }
    }

    /// True once an error was reported.
    var hasFailed: Bool { state == .failed }

    /// Appends `bytes` and parses as far as they allow.
    /// - Returns: the events completed by these bytes, in order; an `.error` is last.
    mutating func feed<Bytes: Collection>(_ bytes: Bytes) -> [HTTPParserEvent] where Bytes.Element == UInt8 {
        guard state != .failed else { return [] }
        buffer.append(contentsOf: bytes)
        var events: [HTTPParserEvent] = []
        do {
            while try step(into: &events) {}
        } catch {
            state = .failed
            buffer = []
            position = 0
            scanPosition = 0
            body = []
            events.append(.error(error))
            return events
        }
        compact()
        return events
    }

    /// Makes one transition. Returns `false` when more bytes are needed.
    private mutating func step(into events: inout [HTTPParserEvent]) throws(HTTPParseError) -> Bool {
        switch state {
        case .requestLine:
            skipEmptyLinesBeforeRequest()
            guard let line = try nextLine(limit: limits.maxRequestLineBytes, tooLong: .uriTooLong) else { return false }
            try parseRequestLine(line)
            state = .headerLines
        case .headerLines:
            let room = limits.maxHeaderBytes - head.sectionBytes - 2
            let tooLarge = HTTPParseError.headerFieldsTooLarge("The header section exceeds the allowed size.")
            guard let line = try nextLine(limit: room, tooLong: tooLarge) else { return false }
            head.sectionBytes += line.count + 2
            if line.isEmpty {
                try finishHead(into: &events)
            } else {
                let (name, value) = try parseFieldLine(line)
                if head.headers.count >= limits.maxHeaderCount {
                    throw .headerFieldsTooLarge("The request has too many header fields.")
                }
                head.headers.add(name, value)
            }
        case .fixedBody(let remaining):
            let available = buffer.count - position
            guard available > 0 else { return false }
            let take = min(available, remaining)
            body.append(contentsOf: buffer[position..<(position + take)])
            position += take
            if take == remaining {
                completeRequest(into: &events)
            } else {
                state = .fixedBody(remaining: remaining - take)
            }
        case .chunkSizeLine, .chunkData, .chunkDataEnd, .trailerLines:
            return try stepChunked(into: &events)
        case .failed:
            return false
        }
        return true
    }

    /// Finds the next CRLF-terminated line in the buffer and consumes it.
    /// - Parameters:
    ///   - limit: the longest allowed line, excluding CRLF.
    ///   - tooLong: thrown when the line (even still partial) is longer than `limit`.
    /// - Returns: the range of the line without CRLF, or `nil` when no LF has arrived yet.
    /// - Throws: 400 for an LF not preceded by CR (RFC 9112 §2.2: bare LF is rejected here).
    mutating func nextLine(limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> Range<Int>? {
        let searchFrom = max(scanPosition, position)
        guard let lf = buffer[searchFrom...].firstIndex(of: Self.lf) else {
            scanPosition = buffer.count
            // A trailing CR may be half of the CRLF, so only bytes before it count.
            if buffer.count - position - 1 > limit { throw tooLong }
            return nil
        }
        // The same length rule as for a partial line above, so the verdict does not depend on
        // how the bytes were split across reads (found by the fuzzer).
        if lf - position - 1 > limit { throw tooLong }
        guard lf > position, buffer[lf - 1] == Self.cr else {
            throw .badRequest("Lines must end with CRLF.")
        }
        let line = position..<(lf - 1)
        if line.count > limit { throw tooLong }
        position = lf + 1
        scanPosition = position
        return line
    }

    /// Ignores CRLFs received before a request line (RFC 9112 §2.2).
    private mutating func skipEmptyLinesBeforeRequest() {
        while buffer.count - position >= 2, buffer[position] == Self.cr, buffer[position + 1] == Self.lf {
            position += 2
        }
    }

    /// Emits the current request and resets for the next one.
    mutating func completeRequest(into events: inout [HTTPParserEvent]) {
        let request = HTTPRequest(
            method: head.method, target: head.target, path: head.path, query: head.query,
            version: head.version, headers: head.headers, body: body)
        events.append(.request(request))
        head = Head()
        body = []
        state = .requestLine
    }

    /// Moves to `next`; used by the extensions that own the other transitions.
    mutating func transition(to next: State) {
        state = next
    }

    /// Drops consumed bytes so the buffer holds only what is still unparsed.
    private mutating func compact() {
        guard position > 0 else { return }
        if position == buffer.count {
            if buffer.capacity > 65536 {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
        } else {
            buffer.removeSubrange(0..<position)
        }
        scanPosition = max(0, scanPosition - position)
        position = 0
    }
}
