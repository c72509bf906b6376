import Foundation

/// Opaque row ids: a kind prefix, then 32 hex digits — 48 bits of milliseconds since 1970
/// followed by 80 random bits, e.g. `clm_019ad1e5c2a4f0c3…`.
///
/// Ids made later sort later, so the primary-key index of a table grows at its end instead of at
/// random pages (a 75,000-claim posting wrote all over a 200 MB file with fully random ids); 80
/// random bits keep them unguessable. The bits come from the kernel's generator, read 4 KiB at a
/// time (`RandomPool`): Foundation's `UUID()` opened and read /dev/urandom for every id, three
/// system calls each, and one `getrandom` call per random word still cost 3% of a posting.
public enum Identifier {
    /// A new id for `kind` (`case`, `clm`, `pay`, `pat`, `sub`, `usr`, `team`, `org`, `tok`, `rem`, `rmt`, `rule`).
    @Sendable public static func make(_ kind: String) -> String {
        let (first, second) = RandomPool.pair()
        let millis = UInt64(max(0, Date().timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
        let high = millis << 16 | first >> 48, low = second
        // Sixteen digits per half, zero-padded, so the text sorts as the numbers do; written in place.
        let prefix = kind.utf8
        return String(unsafeUninitializedCapacity: prefix.count + 33) { text in
            let at = text.initialize(fromContentsOf: prefix)
            text[at] = UInt8(ascii: "_")
            Hex.write(high, into: text, at: at + 1)
            Hex.write(low, into: text, at: at + 17)
            return at + 33
        }
    }
}
