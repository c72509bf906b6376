/// Request line and header field parsing (RFC 9112 §3, §5).
extension HTTPRequestParser {
    private static let space = UInt8(ascii: " ")
    private static let colon = UInt8(ascii: ":")

    /// The methods of RFC 9110 §9 and PATCH (RFC 5789). Any other method token is
    /// answered 501 (RFC 9110 §15.6.2); a known method a resource lacks gets 405 with
    /// `Allow` from the router.
    static let knownMethods: [ArraySlice<UInt8>] = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]
        .map { ArraySlice($0.utf8) }

    /// Parses `method SP request-target SP HTTP-version` (RFC 9112 §3).
    /// - Throws: 400 for a malformed line, invalid method token, a target in no accepted
    ///   form (see `RequestTarget`), or a query that does not decode; 505 for a well-formed
    ///   version other than HTTP/1.0 or HTTP/1.1; 501 for a method token not in
    ///   `knownMethods` (methods are case-sensitive, so `get` is unknown too).
    mutating func parseRequestLine(_ line: Range<Int>) throws(HTTPParseError) {
        guard let firstSpace = buffer[line].firstIndex(of: Self.space),
              let secondSpace = buffer[(firstSpace + 1)..<line.upperBound].firstIndex(of: Self.space) else {
            throw .badRequest("The request line must be: method SP request-target SP HTTP-version.")
        }
        let method = buffer[line.lowerBound..<firstSpace]
        let target = buffer[(firstSpace + 1)..<secondSpace]
        let version = buffer[(secondSpace + 1)..<line.upperBound]

        guard !method.isEmpty, method.allSatisfy(ByteClass.isTokenChar) else {
            throw .badRequest("The method must be a token.")
        }
        head.version = try Self.parseVersion(version)
        guard Self.knownMethods.contains(method) else {
            throw .notImplemented("The request method is not implemented by this server.")
        }
        guard !target.isEmpty, target.allSatisfy(ByteClass.isTargetByte) else {
            throw .badRequest("The request-target contains a character that is not allowed.")
        }
        head.method = String(decoding: method, as: UTF8.self)
        head.target = String(decoding: target, as: UTF8.self)
        guard let parts = RequestTarget.split(head.target, method: head.method) else {
            throw .badRequest("The request-target must be an absolute path (\"/…\"), or \"*\" for OPTIONS.")
        }
        guard let query = QueryParameters(decoding: parts.query) else {
            throw .badRequest("The query string has an invalid percent-escape or is not UTF-8.")
        }
        head.path = parts.path
        head.query = query
    }

    /// Parses `HTTP-version = "HTTP/" DIGIT "." DIGIT` (RFC 9112 §2.3).
    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        let start = bytes.startIndex
        guard bytes.count == 8, bytes[start] == UInt8(ascii: "H"), bytes[start + 1] == UInt8(ascii: "T"),
              bytes[start + 2] == UInt8(ascii: "T"), bytes[start + 3] == UInt8(ascii: "P"),
              bytes[start + 4] == UInt8(ascii: "/"),
              isDigit(bytes[start + 5]), bytes[start + 6] == UInt8(ascii: "."), isDigit(bytes[start + 7]) else {
            throw .badRequest("The HTTP version is malformed.")
        }
        switch (bytes[start + 5], bytes[start + 7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): return .http1_1
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): return .http1_0
        default: throw .versionNotSupported
        }
    }

    /// Parses `field-name ":" OWS field-value OWS` (RFC 9112 §5).
    /// - Returns: the name as sent and the value without surrounding whitespace;
    ///   value bytes that are not UTF-8 (obs-text) are replaced by U+FFFD.
    /// - Throws: 400 for a line starting with whitespace (obs-fold, RFC 9112 §5.2), no colon,
    ///   an empty or non-token name, whitespace before the colon (RFC 9112 §5.1), or a control
    ///   byte (NUL, CR, DEL, …) in the value (RFC 9110 §5.5).
    func parseFieldLine(_ line: Range<Int>) throws(HTTPParseError) -> (String, String) {
        if ByteClass.isWhitespace(buffer[line.lowerBound]) {
            throw .badRequest("Line folding (obs-fold) and leading whitespace are not allowed in header fields.")
        }
        guard let colon = buffer[line].firstIndex(of: Self.colon), colon > line.lowerBound else {
            throw .badRequest("A header field must be name \":\" value.")
        }
        if ByteClass.isWhitespace(buffer[colon - 1]) {
            throw .badRequest("Whitespace between a header field name and the colon is not allowed.")
        }
        let name = buffer[line.lowerBound..<colon]
        guard name.allSatisfy(ByteClass.isTokenChar) else {
            throw .badRequest("A header field name must be a token.")
        }
        var start = colon + 1
        var end = line.upperBound
        guard buffer[start..<end].allSatisfy(ByteClass.isFieldValueByte) else {
            throw .badRequest("A header field value contains a control character.")
        }
        while start < end, ByteClass.isWhitespace(buffer[start]) { start += 1 }
        while end > start, ByteClass.isWhitespace(buffer[end - 1]) { end -= 1 }
        return (String(decoding: name, as: UTF8.self), String(decoding: buffer[start..<end], as: UTF8.self))
    }

    /// Validates the complete head and chooses how to read the body.
    /// - Throws: 400 for a missing or repeated Host in HTTP/1.1 (RFC 9112 §3.2), or any
    ///   framing error from `BodyFraming.of`; 413/501 as described there.
    mutating func finishHead(into events: inout [HTTPParserEvent]) throws(HTTPParseError) {
        let hosts = head.headers.values("Host")
        if head.version == .http1_1 && hosts.isEmpty {
            throw .badRequest("An HTTP/1.1 request must have a Host header field.")
        }
        if hosts.count > 1 {
            throw .badRequest("A request must not have more than one Host header field.")
        }
        let framing = try BodyFraming.of(head.headers, version: head.version, maxBodyBytes: limits.maxBodyBytes(forPath: head.path))
        // RFC 9110 §10.1.1: 100-continue is for HTTP/1.1 requests whose body will be read.
        if framing != .none, head.version == .http1_1,
           head.headers.lowercasedTokens("Expect").contains("100-continue") {
            events.append(.expectContinue)
        }
        switch framing {
        case .none:
            completeRequest(into: &events)
        case .length(let length):
            body.reserveCapacity(min(length, 16384))
            transition(to: .fixedBody(remaining: length))
        case .chunked:
            head.sectionBytes = 0     // now counts trailer bytes
            transition(to: .chunkSizeLine)
        }
    }
}
