/// The chunked transfer coding of request bodies (RFC 9112 §7.1).
extension HTTPRequestParser {
    /// Makes one transition inside a chunked body. Returns `false` when more bytes are needed.
    /// - Throws: 400 for a malformed chunk-size line, chunk data not followed by CRLF, or a
    ///   malformed trailer field; 413 when a chunk would take the body past `maxBodyBytes`;
    ///   431 when the trailer section exceeds `maxHeaderBytes`.
    mutating func stepChunked(into events: inout [HTTPParserEvent]) throws(HTTPParseError) -> Bool {
        switch state {
        case .chunkSizeLine:
            let tooLong = HTTPParseError.badRequest("A chunk-size line is too long.")
            guard let line = try nextLine(limit: limits.maxChunkLineBytes, tooLong: tooLong) else { return false }
            let size = try parseChunkSize(line)
            if size == 0 {
                transition(to: .trailerLines)
            } else {
                guard size <= UInt64(limits.maxBodyBytes(forPath: head.path) - body.count) else { throw .contentTooLarge }
                transition(to: .chunkData(remaining: Int(size)))
            }
        case .chunkData(let remaining):
            let available = buffer.count - position
            guard available > 0 else { return false }
            let take = min(available, remaining)
            body.append(contentsOf: buffer[position..<(position + take)])
            position += take
            transition(to: take == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - take))
        case .chunkDataEnd:
            let available = buffer.count - position
            guard available > 0 else { return false }
            guard buffer[position] == Self.cr else { throw .badRequest("Chunk data must be followed by CRLF.") }
            guard available > 1 else { return false }
            guard buffer[position + 1] == Self.lf else { throw .badRequest("Chunk data must be followed by CRLF.") }
            position += 2
            transition(to: .chunkSizeLine)
        case .trailerLines:
            let room = limits.maxHeaderBytes - head.sectionBytes - 2
            let tooLarge = HTTPParseError.headerFieldsTooLarge("The trailer section exceeds the allowed size.")
            guard let line = try nextLine(limit: room, tooLong: tooLarge) else { return false }
            head.sectionBytes += line.count + 2
            if line.isEmpty {
                completeRequest(into: &events)
            } else {
                _ = try parseFieldLine(line)   // validated, then dropped (RFC 9112 §7.1.2 allows discarding)
            }
        default:
            return false
        }
        return true
    }

    /// Parses `chunk-size [ chunk-ext ]` (RFC 9112 §7.1): 1 to 16 hex digits, no sign,
    /// then nothing or BWS `;` extensions, which are checked for control bytes and ignored.
    /// - Returns: the chunk size in bytes.
    private func parseChunkSize(_ line: Range<Int>) throws(HTTPParseError) -> UInt64 {
        var index = line.lowerBound
        var size: UInt64 = 0
        while index < line.upperBound, let digit = PercentDecoding.hexValue(buffer[index]) {
            guard index - line.lowerBound < 16 else { throw .badRequest("A chunk size has more than 16 hex digits.") }
            size = size << 4 | UInt64(digit)
            index += 1
        }
        guard index > line.lowerBound else { throw .badRequest("A chunk size must be hexadecimal digits.") }
        var rest = index
        while rest < line.upperBound, ByteClass.isWhitespace(buffer[rest]) { rest += 1 }
        if rest < line.upperBound {
            guard buffer[rest] == UInt8(ascii: ";"),
                  buffer[rest..<line.upperBound].allSatisfy(ByteClass.isFieldValueByte) else {
                throw .badRequest("A chunk size is followed by something other than an extension.")
            }
        } else if rest != index {
            throw .badRequest("A chunk size is followed by whitespace without an extension.")
        }
        return size
    }
}
