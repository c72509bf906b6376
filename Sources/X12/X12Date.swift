/// A calendar date from an X12 element (X12 DT type): CCYYMMDD, e.g. DTM02, BPR16, PLB02.
///
/// Always a valid Gregorian date (month 1–12, day within the month, leap years counted).
/// `description` is ISO 8601, "YYYY-MM-DD". Ordered by year, month, day.
public struct X12Date: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// The date, or nil when year/month/day do not name a real date (year 1–9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= X12Date.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads "CCYYMMDD" (8 digits) or the 4010 short form "YYMMDD" (6 digits; years 00–49 are
    /// 2000–2049, 50–99 are 1950–1999). Nil for any other length, a non-digit or an impossible
    /// date such as 20020230.
    public init?<Bytes: Collection>(x12 bytes: Bytes) where Bytes.Element == UInt8 {
        var value = 0
        var count = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39, count < 8 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            count += 1
        }
        let year: Int
        switch count {
        case 8:
            year = value / 10000
        case 6:
            let short = value / 10000
            year = short < 50 ? 2000 + short : 1900 + short
        default:
            return nil
        }
        self.init(year: year, month: (value / 100) % 100, day: value % 100)
    }

    /// Reads a date from text, as `init?(x12:)` does from bytes.
    public init?(x12 text: String) {
        self.init(x12: Array(text.utf8))
    }

    /// "YYYY-MM-DD".
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: X12Date, rhs: X12Date) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
