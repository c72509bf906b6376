import Crypto

/// The hash behind `ERAPayment.fingerprint`: SHA-256 (swift-crypto), fed incrementally.
///
/// Kept alone in this file so that the fuzzing build (`make fuzz-835`), which compiles the
/// X12 sources with plain swiftc and has no Crypto module, swaps it for
/// fuzz/Fuzzer/X12FingerprintStub.swift (same API, a non-cryptographic stand-in).
struct FingerprintHasher {
    private var sha = SHA256()

    /// Adds bytes to the hashed content.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        sha.update(bufferPointer: bytes)
    }

    /// The 32-byte digest of everything added; the hasher starts over afterwards.
    mutating func finalize() -> [UInt8] {
        let digest = sha.finalize()
        sha = SHA256()
        return digest.withUnsafeBytes { Array($0) }
    }
}
