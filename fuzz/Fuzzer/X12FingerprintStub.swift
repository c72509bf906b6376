// Stand-in for Sources/X12/FingerprintHasher.swift in the fuzzing build (make fuzz-835),
// which compiles the X12 sources with plain swiftc, without the Crypto module. Same API;
// FNV-1a instead of SHA-256 (the fuzzer checks the reader, not the hash).

/// FNV-1a (64-bit) stretched to 32 bytes: deterministic, not cryptographic.
struct FingerprintHasher {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes { state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    }

    mutating func finalize() -> [UInt8] {
        var out: [UInt8] = []
        var value = state
        for _ in 0..<32 {
            value = (value ^ (value >> 29)) &* 0xBF58_476D_1CE4_E5B9
            out.append(UInt8(truncatingIfNeeded: value >> 56))
        }
        state = 0xCBF2_9CE4_8422_2325
        return out
    }
}
