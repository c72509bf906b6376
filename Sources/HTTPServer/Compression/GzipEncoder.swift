import CZlib

/// Incremental gzip compression (RFC 1952 framing around DEFLATE, RFC 1951) with
/// zlib's `deflate`, initialised by `deflateInit2` with window bits 15 + 16 (gzip
/// header and CRC-32 trailer instead of the zlib wrapper).
///
/// Feed pieces with `compress(_:flush:)`, then call `finish()` once for the trailer.
/// `.sync` flushes (`Z_SYNC_FLUSH`) make everything fed so far decodable by the
/// receiver at once, at a cost of a few bytes each — what a streamed body needs.
/// Not thread-safe: one encoder belongs to one body.
final class GzipEncoder {
    /// How much to flush after a piece.
    enum Flush {
        /// Let zlib buffer (`Z_NO_FLUSH`): best ratio, output may lag behind input.
        case none
        /// Emit all pending output on a byte boundary (`Z_SYNC_FLUSH`).
        case sync
    }

    /// `deflateInit2` failed (e.g. `Z_MEM_ERROR`), with zlib's status code.
    struct InitError: Error {
        let status: Int32
    }

    /// The zlib stream; heap-allocated because zlib keeps a pointer to it in its state.
    private let stream: UnsafeMutablePointer<z_stream>
    private var finished = false

    /// - Parameter level: 1 (fastest) ... 9 (smallest); other values mean zlib's default (6).
    /// - Throws: `InitError` when zlib cannot set up the stream.
    init(level: Int = 6) throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let zlibLevel = (1...9).contains(level) ? Int32(level) : Z_DEFAULT_COMPRESSION
        let status = deflateInit2_(
            stream, zlibLevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw InitError(status: status)
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input`, returning whatever compressed bytes zlib emits now
    /// (possibly none with `.none`).
    /// - Precondition: `finish()` has not been called.
    func compress(_ input: [UInt8], flush: Flush) -> [UInt8] {
        precondition(!finished, "GzipEncoder used after finish()")
        return run(input, mode: flush == .sync ? Z_SYNC_FLUSH : Z_NO_FLUSH)
    }

    /// Compresses any remaining `input`, then ends the stream: returns the last
    /// compressed bytes and the gzip trailer (CRC-32 and length). Call once.
    func finish(_ input: [UInt8] = []) -> [UInt8] {
        precondition(!finished, "GzipEncoder.finish() called twice")
        finished = true
        return run(input, mode: Z_FINISH)
    }

    /// Compresses `input` in one call: a complete gzip member.
    /// - Throws: `InitError` when zlib cannot set up the stream.
    static func gzip(_ input: [UInt8], level: Int = 6) throws -> [UInt8] {
        try GzipEncoder(level: level).finish(input)
    }

    private static let outputChunk = 32 * 1024
    /// Input handed to zlib per call; `avail_in` is 32-bit.
    private static let inputSlice = 1 << 30

    private func run(_ input: [UInt8], mode: Int32) -> [UInt8] {
        var output: [UInt8] = []
        input.withUnsafeBufferPointer { whole in
            var start = 0
            repeat {
                let end = min(whole.count, start + Self.inputSlice)
                let slice = UnsafeBufferPointer(rebasing: whole[start..<end])
                deflatePiece(slice, mode: end == whole.count ? mode : Z_NO_FLUSH, into: &output)
                start = end
            } while start < whole.count
        }
        return output
    }

    /// One `deflate` loop: repeats while zlib fills the whole output buffer (zlib's
    /// documented contract for every flush mode), then `Z_FINISH` has ended the stream.
    private func deflatePiece(_ input: UnsafeBufferPointer<UInt8>, mode: Int32, into output: inout [UInt8]) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.pointee.avail_in = uInt(input.count)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.outputChunk) { buffer in
            while true {
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(buffer.count)
                let status = deflate(stream, mode)
                precondition(status != Z_STREAM_ERROR, "zlib stream state corrupted")
                let produced = buffer.count - Int(stream.pointee.avail_out)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<produced]))
                if status == Z_STREAM_END || stream.pointee.avail_out != 0 { break }
            }
        }
        stream.pointee.next_in = nil
    }
}
