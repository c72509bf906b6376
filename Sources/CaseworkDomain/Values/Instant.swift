import Foundation

/// A point in time at whole-second precision, written as RFC 3339 UTC (`2026-11-29T17:39:24Z`).
public struct Instant: Sendable, Hashable, Comparable, LosslessStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// The current time, truncated to the second.
    public static func now() -> Instant { Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

    /// The UTC calendar day this instant falls on.
    public var day: Day {
        Day(daysSinceEpoch: Int((secondsSinceEpoch >= 0 ? secondsSinceEpoch : secondsSinceEpoch - 86_399) / 86_400))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (UTC only, optional fraction ignored); nil otherwise.
    public init?(_ text: String) {
        guard text.count >= 20, text.hasSuffix("Z") || text.hasSuffix("z") else { return nil }
        let parts = text.dropLast().split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let day = Day(String(parts[0])) else { return nil }
        let clock = (parts[1].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").split(separator: ":")
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
              let h = Int(clock[0]), let m = Int(clock[1]), let s = Int(clock[2]),
              (0..<24).contains(h), (0..<60).contains(m), (0..<61).contains(s) else { return nil }
        secondsSinceEpoch = Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + m * 60 + min(s, 59))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String {
        let secs = Int(((secondsSinceEpoch % 86_400) + 86_400) % 86_400)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(day)T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))Z"
    }

    public static func < (l: Instant, r: Instant) -> Bool { l.secondsSinceEpoch < r.secondsSinceEpoch }
}
