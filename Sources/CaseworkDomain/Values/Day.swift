/// A calendar date without a time zone: ISO 8601 `YYYY-MM-DD` (proleptic Gregorian).
///
/// Used for service dates, follow-up dates and due dates, where an instant would be wrong.
public struct Day: Sendable, Hashable, Comparable, LosslessStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Builds a day; returns nil when the date does not exist (e.g. 2025-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; nil for any other shape or an impossible date.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for b in bytes[range] {
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`. Written digit by digit into the string's own storage (every date of every
    /// JSON body and SQL row goes through here); a year outside 1...9999, which only
    /// `init(daysSinceEpoch:)` can make, is written as it reads, zero-padded to four digits.
    public var description: String {
        guard (1...9999).contains(year) else {
            let text = String(year)
            return String(repeating: "0", count: max(0, 4 - text.count)) + text + "-" + Day.twoDigits(month) + "-"
                + Day.twoDigits(day)
        }
        return String(unsafeUninitializedCapacity: 10) { text in
            Day.write(self, into: text, at: 0)
            return 10
        }
    }

    /// Writes `YYYY-MM-DD` of `day` (year 1...9999) at `text[at..<at + 10]`.
    @inline(__always)
    static func write(_ day: Day, into text: UnsafeMutableBufferPointer<UInt8>, at: Int) {
        let zero = UInt8(ascii: "0")
        text[at] = zero + UInt8(day.year / 1000)
        text[at + 1] = zero + UInt8(day.year / 100 % 10)
        text[at + 2] = zero + UInt8(day.year / 10 % 10)
        text[at + 3] = zero + UInt8(day.year % 10)
        text[at + 4] = UInt8(ascii: "-")
        text[at + 5] = zero + UInt8(day.month / 10)
        text[at + 6] = zero + UInt8(day.month % 10)
        text[at + 7] = UInt8(ascii: "-")
        text[at + 8] = zero + UInt8(day.day / 10)
        text[at + 9] = zero + UInt8(day.day % 10)
    }

    /// `value` (0...99) as two digits.
    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    public static func < (l: Day, r: Day) -> Bool {
        (l.year, l.month, l.day) < (r.year, r.month, r.day)
    }

    /// Days since 1970-01-01 (negative before); the inverse of `init(daysSinceEpoch:)`.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil algorithm (public-domain arithmetic).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01 (UTC calendar).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0); month = m; day = d
    }

    /// The day `n` days later (earlier when negative).
    public func adding(days n: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + n) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
