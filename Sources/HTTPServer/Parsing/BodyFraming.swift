/// How the body of a request is delimited (RFC 9112 §6.3).
enum BodyFraming: Equatable {
    /// No body (no Content-Length and no Transfer-Encoding, or Content-Length: 0).
    case none
    /// Exactly this many bytes follow the header section.
    case length(Int)
    /// The chunked transfer coding (RFC 9112 §7.1).
    case chunked

    /// Determines the framing of a request from its header fields.
    ///
    /// - Throws: `HTTPParseError` with 400 for both Content-Length and Transfer-Encoding,
    ///   Transfer-Encoding in HTTP/1.0, a final coding other than `chunked`, `chunked` twice,
    ///   or a Content-Length that is not one non-negative decimal number — given twice, even with
    ///   the same value (`2, 2`), it is refused: RFC 9112 §6.3 lets a recipient either refuse or
    ///   merge identical values, and this server refuses any repetition (RFC 9112 §6.1, §6.2,
    ///   §6.3; RFC 9110 §8.6); 501 for a coding other than `chunked`
    ///   before the final `chunked`; 413 for a Content-Length over `maxBodyBytes`.
    static func of(_ headers: HTTPHeaders, version: HTTPVersion, maxBodyBytes: Int) throws(HTTPParseError) -> BodyFraming {
        let hasLength = headers.contains("Content-Length")
        if headers.contains("Transfer-Encoding") {
            if hasLength {
                throw .badRequest("Content-Length and Transfer-Encoding must not both be present.")
            }
            if version == .http1_0 {
                throw .badRequest("Transfer-Encoding is not allowed in an HTTP/1.0 request.")
            }
            let codings = headers.lowercasedTokens("Transfer-Encoding")
            guard codings.last == "chunked" else {
                throw .badRequest("The final transfer coding must be chunked.")
            }
            let earlier = codings.dropLast()
            if earlier.contains("chunked") {
                throw .badRequest("The chunked transfer coding must be applied only once.")
            }
            if !earlier.isEmpty {
                throw .notImplemented("Only the chunked transfer coding is supported.")
            }
            return .chunked
        }
        guard hasLength else { return .none }
        let lengths = headers.values("Content-Length")
            .flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { parseDecimal($0.trimmingOWS()) }
        guard !lengths.contains(nil), let length = lengths.first ?? nil else {
            throw .badRequest("Content-Length must be a non-negative decimal number.")
        }
        if Set(lengths).count > 1 { throw .badRequest("Content-Length values disagree.") }
        if lengths.count > 1 { throw .badRequest("Content-Length must be given once.") }
        if length > maxBodyBytes { throw .contentTooLarge }
        return length == 0 ? .none : .length(length)
    }

    /// `1*DIGIT` as an `Int`; `nil` for empty text, any other byte (sign, space, hex) or overflow.
    static func parseDecimal(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - 0x30))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }
}
