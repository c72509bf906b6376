/// Opaque, unguessable row ids: a kind prefix and 128 random bits in hex, e.g. `case_3f9a…`.
enum Identifier {
    /// A new id for `kind` (`case`, `clm`, `pay`, `pat`, `sub`, `usr`, `team`, `org`, `tok`, `rem`, `rmt`, `rule`).
    /// The bits come from the system's generator (`getrandom`): Foundation's `UUID()` opened and
    /// read /dev/urandom for every id, three system calls each, a fifth of a remittance posting.
    static func make(_ kind: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next(), low = generator.next()
        return kind + "_" + Hex.encode((0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> (UInt64(7 - $0 % 8) * 8)) })
    }
}
