import Foundation

/// Opaque, unguessable row ids: a kind prefix and 128 random bits in hex, e.g. `case_3f9a…`.
enum Identifier {
    /// A new id for `kind` (`case`, `clm`, `pay`, `pat`, `sub`, `usr`, `team`, `org`, `tok`, `rem`).
    static func make(_ kind: String) -> String {
        kind + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}
