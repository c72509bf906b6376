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

    /// Parses an RFC 3339 §5.6 date-time: `YYYY-MM-DDTHH:MM:SS`, an optional fraction (dropped:
    /// instants are whole seconds), then `Z` or a `±HH:MM` offset, which is applied so the result
    /// is UTC. `t` and `z` may be lower case; a leap second (`:60`) counts as `:59`. Nil otherwise.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let day = Day(String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let h = number(11..<13), let m = number(14..<16), let s = number(17..<19),
              (0..<24).contains(h), (0..<60).contains(m), (0...60).contains(s) else { return nil }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digits = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > digits else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let oh = number(index + 1..<index + 3), let om = number(index + 4..<index + 6), oh < 24, om < 60 else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        let seconds = Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + m * 60 + min(s, 59) - offsetSeconds)
        // An offset must not carry the instant outside the years a `Day` can name.
        guard (1...9999).contains(Instant(secondsSinceEpoch: seconds).day.year) else { return nil }
        secondsSinceEpoch = seconds
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, written in place like `Day.description` (an instant whose day
    /// falls outside years 1...9999 is written through that day's own text).
    public var description: String {
        let secs = Int(((secondsSinceEpoch % 86_400) + 86_400) % 86_400)
        let day = day
        guard (1...9999).contains(day.year) else {
            return "\(day)T\(Day.twoDigits(secs / 3600)):\(Day.twoDigits(secs / 60 % 60)):\(Day.twoDigits(secs % 60))Z"
        }
        return String(unsafeUninitializedCapacity: 20) { text in
            let zero = UInt8(ascii: "0")
            Day.write(day, into: text, at: 0)
            let hours = secs / 3600, minutes = secs / 60 % 60, seconds = secs % 60
            text[10] = UInt8(ascii: "T")
            text[11] = zero + UInt8(hours / 10)
            text[12] = zero + UInt8(hours % 10)
            text[13] = UInt8(ascii: ":")
            text[14] = zero + UInt8(minutes / 10)
            text[15] = zero + UInt8(minutes % 10)
            text[16] = UInt8(ascii: ":")
            text[17] = zero + UInt8(seconds / 10)
            text[18] = zero + UInt8(seconds % 10)
            text[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    public static func < (l: Instant, r: Instant) -> Bool { l.secondsSinceEpoch < r.secondsSinceEpoch }
}
