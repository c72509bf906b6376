/// Turning an `HTTPResponse` into HTTP/1.1 wire bytes (RFC 9112 §4, §6.3, §7.1).
///
/// Rules applied:
/// - status line `HTTP/1.1 <code> <reason>`; a status outside 100...999 is sent as 500;
/// - the responder's headers are kept in order, except `Content-Length`,
///   `Transfer-Encoding` and `Connection` (the server owns framing and connection
///   management) and any field whose name is not a token or whose value holds
///   CR, LF or another control byte (dropped, to prevent response splitting);
/// - `Date` (IMF-fixdate) is added unless the responder set one (RFC 9110 §6.6.1);
/// - framing, for statuses that allow a body: a buffered body always gets
///   `Content-Length` set to its size; a streamed body gets `Transfer-Encoding: chunked`
///   when `chunkedStream` (HTTP/1.1 requests) and no framing field otherwise (HTTP/1.0:
///   the body ends when the connection closes). 1xx and 204 carry neither (RFC 9110
///   §8.6); 304 keeps only a responder's own `Content-Length`;
/// - for HEAD, the framing fields are those a GET would get (for a buffered body, the
///   length of the body the responder produced, or the responder's own value when its
///   body is empty) and no body bytes follow (RFC 9110 §9.3.2);
/// - `Connection: close` when the server closes after this response, or
///   `Connection: keep-alive` for a persistent HTTP/1.0 connection.
///
/// For a streamed response only the head is produced here; the chunks follow
/// separately (`chunkHeader`, `lastChunk`).
enum ResponseSerializer {
    /// The interim response sent before reading a body announced with
    /// `Expect: 100-continue` (RFC 9110 §10.1.1).
    static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// The last chunk and the empty trailer section ending a chunked body (RFC 9112 §7.1).
    static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    /// The size line opening a chunk of `size` (> 0) bytes: lowercase hex and CRLF.
    /// The chunk's data is followed by `chunkEnd`.
    static func chunkHeader(size: Int) -> [UInt8] {
        Array((String(size, radix: 16) + "\r\n").utf8)
    }

    /// The CRLF closing a chunk's data.
    static let chunkEnd: [UInt8] = [13, 10]

    /// Whether `status` (already in 100...999) may carry content (RFC 9110 §6.4.1).
    static func allowsBody(_ status: Int) -> Bool {
        !((100..<200).contains(status) || status == 204 || status == 304)
    }

    /// The status actually sent for `response`: its own when in 100...999, else 500.
    static func effectiveStatus(_ response: HTTPResponse) -> Int {
        (100...999).contains(response.status) ? response.status : 500
    }

    /// Serializes `response`.
    /// - Parameters:
    ///   - isHeadRequest: the request method was HEAD: headers only.
    ///   - close: the server closes the connection after sending this.
    ///   - announceKeepAlive: add `Connection: keep-alive` (HTTP/1.0 persistent connections).
    ///   - chunkedStream: frame a streamed body with `Transfer-Encoding: chunked`
    ///     (HTTP/1.1); when `false` (HTTP/1.0) a streamed body is close-delimited.
    ///   - date: the `Date` value, IMF-fixdate.
    /// - Returns: status line, header section and, for a buffered body, the body; ready to send.
    static func serialize(
        _ response: HTTPResponse,
        isHeadRequest: Bool,
        close: Bool,
        announceKeepAlive: Bool = false,
        chunkedStream: Bool = true,
        date: String = IMFFixdate.now()
    ) -> [UInt8] {
        let status = effectiveStatus(response)
        let bodyAllowed = allowsBody(status)
        let sendsBody = bodyAllowed && !isHeadRequest && response.stream == nil
        // Built as bytes in one buffer sized for a typical head plus the body (no String growth,
        // no copy of the head at the end).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(320 + (sendsBody ? response.body.count : 0))
        func line(_ name: String, _ value: String) {
            bytes.appendUTF8(name)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(UInt8(ascii: " "))
            bytes.appendUTF8(value)
            bytes.append(13)
            bytes.append(10)
        }
        bytes.appendUTF8("HTTP/1.1 ")
        bytes.appendUTF8(String(status))
        bytes.append(UInt8(ascii: " "))
        bytes.appendUTF8(StatusReasonPhrase.phrase(for: status))
        bytes.append(13)
        bytes.append(10)
        var sawDate = false
        var responderLength: String?
        for (name, value) in response.headers {
            if asciiCaseInsensitiveEquals(name, "Content-Length") {
                if responderLength == nil, isDigits(value) { responderLength = value }
                continue
            }
            if asciiCaseInsensitiveEquals(name, "Transfer-Encoding")
                || asciiCaseInsensitiveEquals(name, "Connection") { continue }
            guard isToken(name), isSafeFieldValue(value) else { continue }
            if asciiCaseInsensitiveEquals(name, "Date") { sawDate = true }
            line(name, value)
        }
        if !sawDate { line("Date", date) }

        if status == 304 {
            if let responderLength { line("Content-Length", responderLength) }
        } else if bodyAllowed, response.stream != nil {
            if chunkedStream { line("Transfer-Encoding", "chunked") }
        } else if bodyAllowed {
            if isHeadRequest, response.body.isEmpty, let responderLength {
                line("Content-Length", responderLength)
            } else {
                line("Content-Length", String(response.body.count))
            }
        }
        if close {
            line("Connection", "close")
        } else if announceKeepAlive {
            line("Connection", "keep-alive")
        }
        bytes.append(13)
        bytes.append(10)
        if sendsBody {
            bytes.append(contentsOf: response.body)
        }
        return bytes
    }

    private static func isDigits(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= 18 && value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(ByteClass.isTokenChar)
    }

    private static func isSafeFieldValue(_ value: String) -> Bool {
        value.utf8.allSatisfy(ByteClass.isFieldValueByte)
    }
}
