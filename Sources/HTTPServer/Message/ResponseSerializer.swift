/// Turning an `HTTPResponse` into HTTP/1.1 wire bytes (RFC 9112 §4, §6.3).
///
/// Rules applied:
/// - status line `HTTP/1.1 <code> <reason>`; a status outside 100...999 is sent as 500;
/// - the responder's headers are kept in order, except `Content-Length`,
///   `Transfer-Encoding` and `Connection` (the server owns framing and connection
///   management) and any field whose name is not a token or whose value holds
///   CR, LF or another control byte (dropped, to prevent response splitting);
/// - `Date` (IMF-fixdate) is added unless the responder set one (RFC 9110 §6.6.1);
/// - `Content-Length` is always sent, set to the body size — except for 1xx and 204,
///   which must not carry it (RFC 9110 §8.6), and 304, which keeps only a responder's own;
///   for HEAD the length is that of the body the responder produced (or the responder's
///   own value when its body is empty), and no body bytes follow (RFC 9110 §9.3.2);
/// - `Connection: close` when the server closes after this response, or
///   `Connection: keep-alive` for a persistent HTTP/1.0 connection.
enum ResponseSerializer {
    /// The interim response sent before reading a body announced with
    /// `Expect: 100-continue` (RFC 9110 §10.1.1).
    static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Serializes `response`.
    /// - Parameters:
    ///   - isHeadRequest: the request method was HEAD: headers only.
    ///   - close: the server closes the connection after sending this.
    ///   - announceKeepAlive: add `Connection: keep-alive` (HTTP/1.0 persistent connections).
    ///   - date: the `Date` value, IMF-fixdate.
    /// - Returns: status line, header section and body, ready to send.
    static func serialize(
        _ response: HTTPResponse,
        isHeadRequest: Bool,
        close: Bool,
        announceKeepAlive: Bool = false,
        date: String = IMFFixdate.now()
    ) -> [UInt8] {
        let status = (100...999).contains(response.status) ? response.status : 500
        var head = "HTTP/1.1 \(status) \(StatusReasonPhrase.phrase(for: status))\r\n"
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
            head += name + ": " + value + "\r\n"
        }
        if !sawDate { head += "Date: " + date + "\r\n" }

        let bodyForbidden = (100..<200).contains(status) || status == 204 || status == 304
        if status == 304 {
            if let responderLength { head += "Content-Length: " + responderLength + "\r\n" }
        } else if !bodyForbidden {
            let length: String
            if isHeadRequest, response.body.isEmpty, let responderLength {
                length = responderLength
            } else {
                length = String(response.body.count)
            }
            head += "Content-Length: " + length + "\r\n"
        }
        if close {
            head += "Connection: close\r\n"
        } else if announceKeepAlive {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"

        var bytes = Array(head.utf8)
        if !bodyForbidden && !isHeadRequest {
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
