import Crypto
import Foundation

/// Lower-case hexadecimal text of bytes, and SHA-256 digests written that way: the one encoder
/// behind token hashes, request fingerprints and content ETags.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` as lower-case hex, two characters per byte.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// SHA-256 (FIPS 180-4) of the concatenated `parts`, as 64 hex characters.
    public static func sha256<Part: DataProtocol>(_ parts: Part...) -> String {
        var hasher = SHA256()
        for part in parts { hasher.update(data: part) }
        return encode(hasher.finalize())
    }
}
