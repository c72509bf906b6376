/// Body framings the test client understands besides Content-Length: chunked
/// (RFC 9112 §7.1, parsed strictly) and close-delimited (RFC 9112 §6.3 rule 8).
extension TestClient {
    /// Reads exactly `count` bytes.
    func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            if try !fill() { throw TestClientError.closed }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads one line ending in CRLF, without the CRLF.
    func readLine() throws -> String {
        var searchFrom = 0
        while true {
            if let range = buffer[searchFrom...].firstRange(of: [13, 10]) {
                let line = String(decoding: buffer[..<range.lowerBound], as: UTF8.self)
                buffer.removeFirst(range.upperBound)
                return line
            }
            searchFrom = max(0, buffer.count - 1)
            if try !fill() { throw TestClientError.closed }
        }
    }

    /// Reads a chunked body up to and including the last chunk and trailer section.
    /// - Returns: the de-chunked bytes and the number of non-empty chunks.
    /// - Throws: `.closed` when the connection ends before the last chunk (an
    ///   incomplete message), `.malformed` on bad framing.
    func readChunkedBody() throws -> (body: [UInt8], chunks: Int) {
        var body: [UInt8] = []
        var chunks = 0
        while true {
            let line = try readLine()
            let sizeText = line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard !sizeText.isEmpty, sizeText.allSatisfy(\.isHexDigit), let size = Int(sizeText, radix: 16) else {
                throw TestClientError.malformed("chunk size line \(line)")
            }
            if size == 0 { break }
            body.append(contentsOf: try readExactly(size))
            guard try readExactly(2) == [13, 10] else { throw TestClientError.malformed("chunk without CRLF") }
            chunks += 1
        }
        while try !readLine().isEmpty {}       // trailer fields, then the empty line
        return (body, chunks)
    }

    /// Reads until the server closes; a reset (`sawReset`) also ends the body.
    func readUntilEndOfStream() throws -> [UInt8] {
        while try fill() {}
        let bytes = buffer
        buffer = []
        return bytes
    }
}
