import Crypto
import Foundation

/// Lower-case hexadecimal text of bytes, and SHA-256 digests written that way: the one encoder
/// behind token hashes, request fingerprints, content ETags, row ids and JSON `\u` escapes.
public enum Hex {
    /// The lower-case hex digit (ASCII) of `nibble` (0...15).
    @inline(__always)
    public static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// `bytes` as lower-case hex, two characters per byte.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digit(byte >> 4))
            out.append(digit(byte & 15))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes `value` as 16 lower-case hex digits, most significant first, at `text[at..<at + 16]`.
    public static func write(_ value: UInt64, into text: UnsafeMutableBufferPointer<UInt8>, at: Int) {
        for index in 0..<16 {
            text[at + index] = digit(UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * index)) & 0xF)
        }
    }

    /// SHA-256 (FIPS 180-4) of the concatenated `parts`, as 64 hex characters.
    public static func sha256<Part: DataProtocol>(_ parts: Part...) -> String {
        var hasher = SHA256()
        for part in parts { hasher.update(data: part) }
        return encode(hasher.finalize())
    }
}
