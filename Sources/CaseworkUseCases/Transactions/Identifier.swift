import Foundation

/// Opaque row ids: a kind prefix, then 32 hex digits — 48 bits of milliseconds since 1970
/// followed by 80 random bits, e.g. `clm_019ad1e5c2a4f0c3…`.
///
/// Ids made later sort later, so the primary-key index of a table grows at its end instead of at
/// random pages (a 75,000-claim posting wrote all over a 200 MB file with fully random ids); 80
/// random bits keep them unguessable. The bits come from the system's generator (`getrandom`):
/// Foundation's `UUID()` opened and read /dev/urandom for every id, three system calls each.
public enum Identifier {
    /// A new id for `kind` (`case`, `clm`, `pay`, `pat`, `sub`, `usr`, `team`, `org`, `tok`, `rem`, `rmt`, `rule`).
    @Sendable public static func make(_ kind: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, Date().timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
        let random = generator.next()
        let high = millis << 16 | random >> 48, low = generator.next()
        // Sixteen digits per half, zero-padded, so the text sorts as the numbers do.
        return kind + "_" + padded(high) + padded(low)
    }

    private static func padded(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
