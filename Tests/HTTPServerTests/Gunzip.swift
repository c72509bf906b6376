import CZlib

/// gzip decoding with zlib's `inflate` (window bits 15 + 16: gzip wrapper only), used
/// by the tests to check what the server's `GzipEncoder` produced.
final class Gunzip {
    enum Failure: Error {
        case initFailed(Int32)
        case corrupt(Int32)
        /// Input ended before the gzip trailer (`gunzip(_:)` only).
        case truncated
        /// Bytes followed the end of the gzip member.
        case trailingGarbage
    }

    private let stream: UnsafeMutablePointer<z_stream>
    /// The gzip trailer was reached and verified (CRC-32 and length).
    private(set) var ended = false

    init() throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw Failure.initFailed(status)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decodes `input` and returns every byte decodable so far (with sync-flushed
    /// input, everything the encoder was given up to the flush).
    func feed(_ input: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        try input.withUnsafeBufferPointer { source in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.pointee.avail_in = uInt(source.count)
            var chunk = [UInt8](repeating: 0, count: 65536)
            while stream.pointee.avail_in > 0 || !ended {
                if ended { throw Failure.trailingGarbage }
                let status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.pointee.next_out = target.baseAddress
                    stream.pointee.avail_out = uInt(target.count)
                    return inflate(stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.pointee.avail_out)
                output.append(contentsOf: chunk[..<produced])
                switch status {
                case Z_STREAM_END: ended = true
                case Z_OK: break
                case Z_BUF_ERROR: return           // needs more input
                default: throw Failure.corrupt(status)
                }
                if stream.pointee.avail_in == 0, stream.pointee.avail_out != 0 { return }
            }
        }
        return output
    }

    /// Decodes one complete gzip member.
    /// - Throws: `Failure.truncated` when `data` ends before the trailer.
    static func gunzip(_ data: [UInt8]) throws -> [UInt8] {
        let decoder = try Gunzip()
        let output = try decoder.feed(data)
        guard decoder.ended else { throw Failure.truncated }
        return output
    }
}
