// libFuzzer entry point for HTTPRequestParser (built by `make fuzz`, see make/fuzz.mk).
//
// Compiled into the same module as the parser sources (Sources/HTTPServer/Parsing and
// Message), so it reaches the internal parser API without @testable. Every input is
// parsed under two sets of limits (the defaults, and small ones so that 413/414/431
// paths are reached by short inputs), each fed in four ways:
//   1. in one piece;
//   2. byte by byte;
//   3. cut in two at a point derived from the input;
//   4. in pieces of pseudo-random lengths (seeded from the input, some of them empty),
//      passed as ArraySlices whose indices do not start at 0.
// Any trap in the parser is a crash; so is any broken invariant below (fatalError):
//   - all four feeds produce the same events (requests compared field by field);
//   - at most one error, always the last event, with a status the parser documents;
//     after it the parser reports hasFailed and ignores further input;
//   - every request respects the limits (body, header count, request line) and the
//     rules the parser claims (Host in HTTP/1.1, 100-continue only for HTTP/1.1);
//   - the requests account for no more bytes than were fed (consumed ≤ input);
//   - after every feed the parser buffers no more than one line's limit.
//   - HTTPRequest(method:target:) derives the same path and query as the parser.

/// What one event says, in a form that can be compared.
enum FuzzOutcome: Equatable {
    case expectContinue
    case request(RequestSnapshot)
    case error(status: Int, detail: String)
}

struct RequestSnapshot: Equatable {
    var method: String
    var target: String
    var path: String
    var query: [String]
    var version: HTTPVersion
    var headers: [String]
    var body: [UInt8]

    init(_ request: HTTPRequest) {
        method = request.method
        target = request.target
        path = request.path
        query = request.query.pairs.flatMap { [$0.name, $0.value] }
        version = request.version
        headers = request.headers.flatMap { [$0.name, $0.value] }
        body = request.body
    }
}

/// SplitMix64: a small deterministic generator, so a crash file replays exactly.
struct FuzzRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}

enum ParserFuzzer {
    static let profiles: [(name: String, limits: HTTPParserLimits)] = [
        ("default", HTTPParserLimits()),
        ("small", HTTPParserLimits(
            maxRequestLineBytes: 64, maxHeaderBytes: 200, maxHeaderCount: 6,
            maxBodyBytes: 64, maxChunkLineBytes: 24)),
    ]
    static let documentedStatuses: Set<Int> = [400, 413, 414, 431, 501, 505]

    static func check(_ bytes: [UInt8]) {
        // FNV-1a of the input seeds the cut points.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for profile in profiles {
            check(bytes, limits: profile.limits, profile: profile.name, seed: hash)
        }
    }

    static func check(_ bytes: [UInt8], limits: HTTPParserLimits, profile: String, seed: UInt64) {
        let whole = run(bytes, limits: limits, pieces: [bytes[...]], how: "whole/\(profile)")
        verify(whole, input: bytes, limits: limits, how: "whole/\(profile)")

        let single = run(bytes, limits: limits, pieces: bytes.indices.map { bytes[$0..<($0 + 1)] },
                         how: "byte-by-byte/\(profile)")
        expectSame(single, whole, how: "byte-by-byte/\(profile)")

        let cut = Int(seed % UInt64(bytes.count + 1))
        let halves = run(bytes, limits: limits, pieces: [bytes[..<cut], bytes[cut...]], how: "cut at \(cut)/\(profile)")
        expectSame(halves, whole, how: "cut at \(cut)/\(profile)")

        var random = FuzzRandom(state: seed)
        var pieces: [ArraySlice<UInt8>] = []
        var start = 0
        let longest = max(1, bytes.count / 3)
        while start < bytes.count {
            let length = random.below(8) == 0 ? 0 : 1 + random.below(longest)
            let end = min(bytes.count, start + length)
            pieces.append(bytes[start..<end])
            start = end
        }
        let scattered = run(bytes, limits: limits, pieces: pieces, how: "random pieces/\(profile)")
        expectSame(scattered, whole, how: "random pieces (\(pieces.map(\.count)))/\(profile)")
    }

    /// Feeds `pieces` to a fresh parser, checking what must hold after every feed.
    static func run(_ bytes: [UInt8], limits: HTTPParserLimits, pieces: [ArraySlice<UInt8>], how: String) -> [FuzzOutcome] {
        var parser = HTTPRequestParser(limits: limits)
        var outcomes: [FuzzOutcome] = []
        let longestLine = max(limits.maxRequestLineBytes, limits.maxHeaderBytes, limits.maxChunkLineBytes)
        for piece in pieces {
            let failedBefore = parser.hasFailed
            let events = parser.feed(piece)
            if failedBefore && !events.isEmpty {
                fail("\(how): a failed parser produced \(events.count) event(s)")
            }
            outcomes += events.map(outcome)
            let buffered = parser.buffer.count - parser.position
            if buffered > longestLine + 1 {
                fail("\(how): \(buffered) unparsed bytes buffered after a feed (longest line limit \(longestLine))")
            }
            if parser.body.count > limits.maxBodyBytes {
                fail("\(how): partial body of \(parser.body.count) bytes exceeds maxBodyBytes \(limits.maxBodyBytes)")
            }
        }
        let failed = outcomes.contains { if case .error = $0 { return true } else { return false } }
        if parser.hasFailed != failed {
            fail("\(how): hasFailed is \(parser.hasFailed) but an error was\(failed ? "" : " not") reported")
        }
        if failed {
            let more = parser.feed(Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
            if !more.isEmpty { fail("\(how): input after an error produced \(more.count) event(s)") }
        }
        return outcomes
    }

    static func outcome(_ event: HTTPParserEvent) -> FuzzOutcome {
        switch event {
        case .expectContinue: return .expectContinue
        case .request(let request): return .request(RequestSnapshot(request))
        case .error(let error): return .error(status: error.status, detail: error.detail)
        }
    }

    /// The invariants of one complete event list.
    static func verify(_ outcomes: [FuzzOutcome], input: [UInt8], limits: HTTPParserLimits, how: String) {
        var accounted = 0
        var continuePending = false
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .error(let status, _):
                if index != outcomes.count - 1 { fail("\(how): error \(status) is event \(index) of \(outcomes.count)") }
                if !documentedStatuses.contains(status) { fail("\(how): undocumented status \(status)") }
                continuePending = false
            case .expectContinue:
                if continuePending { fail("\(how): two expectContinue events for one request") }
                continuePending = true
            case .request(let request):
                if continuePending && request.version != .http1_1 {
                    fail("\(how): expectContinue announced for an HTTP/1.0 request")
                }
                continuePending = false
                verify(request, limits: limits, how: how)
                // A lower bound of the request's wire size: "M T HTTP/x.y\r\n", each
                // "name:value\r\n", the final "\r\n" and the (de-chunked) body.
                accounted += request.method.utf8.count + request.target.utf8.count + 12
                // (headers alternate name, value: each pair adds ":" and CRLF; a value byte
                // that is not UTF-8 became one U+FFFD, so scalars, not UTF-8 bytes, are counted)
                accounted += request.headers.reduce(0) { $0 + $1.unicodeScalars.count } + request.headers.count / 2 * 3
                accounted += 2 + request.body.count
            }
        }
        if accounted > input.count {
            fail("\(how): requests account for \(accounted) bytes but only \(input.count) were fed")
        }
    }

    static func verify(_ request: RequestSnapshot, limits: HTTPParserLimits, how: String) {
        if request.body.count > limits.maxBodyBytes {
            fail("\(how): body of \(request.body.count) bytes over maxBodyBytes \(limits.maxBodyBytes)")
        }
        if request.headers.count / 2 > limits.maxHeaderCount {
            fail("\(how): \(request.headers.count / 2) header fields over maxHeaderCount \(limits.maxHeaderCount)")
        }
        let lineLength = request.method.utf8.count + request.target.utf8.count + 10
        if lineLength > limits.maxRequestLineBytes {
            fail("\(how): request line of \(lineLength) bytes over maxRequestLineBytes \(limits.maxRequestLineBytes)")
        }
        if request.method.isEmpty || request.target.isEmpty || request.path.isEmpty {
            fail("\(how): empty method, target or path in \(request.method) \(request.target)")
        }
        let hosts = stride(from: 0, to: request.headers.count, by: 2)
            .filter { asciiCaseInsensitiveEquals(request.headers[$0], "Host") }.count
        if request.version == .http1_1 && hosts != 1 || hosts > 1 {
            fail("\(how): \(hosts) Host fields in an accepted \(request.version) request")
        }
        // The public initializer promises to derive path and query the way the parser does.
        let rebuilt = RequestSnapshot(HTTPRequest(method: request.method, target: request.target, version: request.version))
        if rebuilt.path != request.path || rebuilt.query != request.query {
            fail("\(how): HTTPRequest(method:target:) gives \(rebuilt.path) \(rebuilt.query), parser gave \(request.path) \(request.query)")
        }
    }

    static func expectSame(_ actual: [FuzzOutcome], _ expected: [FuzzOutcome], how: @autoclosure () -> String) {
        guard actual != expected else { return }
        #if TOLERATE_BARE_LF_AFTER_LONG_LINE
        if isKnownBareLFAfterLongLine(actual, expected) { return }
        #endif
        let firstDifference = (0..<min(actual.count, expected.count)).first { actual[$0] != expected[$0] }
            ?? min(actual.count, expected.count)
        let got = firstDifference < actual.count ? "\(actual[firstDifference])" : "nothing"
        let want = firstDifference < expected.count ? "\(expected[firstDifference])" : "nothing"
        fail("\(how()): event \(firstDifference) differs from the whole feed: got \(got), expected \(want)")
    }

    #if TOLERATE_BARE_LF_AFTER_LONG_LINE
    /// Known split dependence, found by this fuzzer: a line longer than its limit that ends
    /// in a bare LF is a 400 ("Lines must end with CRLF.") when the LF arrives in the same
    /// feed, but 414/431 (or 400 "too long" for a chunk line) when the line outgrows its
    /// limit before the LF arrives. Built with -DTOLERATE_BARE_LF_AFTER_LONG_LINE, the
    /// fuzzer accepts exactly that difference in the last event, to look for other bugs
    /// until the parser checks the length before the line ending.
    static func isKnownBareLFAfterLongLine(_ actual: [FuzzOutcome], _ expected: [FuzzOutcome]) -> Bool {
        guard actual.count == expected.count, actual.dropLast() == expected.dropLast(),
              case .error(_, let actualDetail)? = actual.last, case .error(_, let expectedDetail)? = expected.last
        else { return false }
        let bareLF = HTTPParseError.badRequest("Lines must end with CRLF.").detail
        let tooLong: Set<String> = [
            HTTPParseError.uriTooLong.detail,
            "The header section exceeds the allowed size.",
            "The trailer section exceeds the allowed size.",
            "A chunk-size line is too long.",
        ]
        return (actualDetail == bareLF && tooLong.contains(expectedDetail))
            || (expectedDetail == bareLF && tooLong.contains(actualDetail))
    }
    #endif

    static func fail(_ message: String) -> Never {
        fatalError("HTTP parser invariant broken: \(message)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func httpParserFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    ParserFuzzer.check(bytes)
    return 0
}
