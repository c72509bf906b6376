import Testing
@testable import CaseworkDomain

@Suite struct DayTests {
    @Test func parsesAndPrintsISODates() throws {
        let day = try #require(Day("2024-02-29"))
        #expect(day.description == "2024-02-29")
        #expect(Day("2025-02-29") == nil)
        #expect(Day("2025-13-01") == nil)
        #expect(Day("2025-1-01") == nil)
        #expect(Day("2025-01-01T00:00:00Z") == nil)
        #expect(Day("abcd-ef-gh") == nil)
    }

    @Test func epochArithmeticRoundTrips() {
        for offset in stride(from: -719_000, through: 2_900_000, by: 997) {
            let day = Day(daysSinceEpoch: offset)
            #expect(day.daysSinceEpoch == offset)
            #expect(Day(day.description) == day)
        }
        #expect(Day(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(Day("2026-11-29")!.adding(days: 3).description == "2026-12-02")
    }

    @Test func instantsPrintRFC3339UTC() throws {
        let instant = try #require(Instant("2026-11-29T17:39:24Z"))
        #expect(instant.description == "2026-11-29T17:39:24Z")
        #expect(instant.day == Day("2026-11-29"))
        #expect(Instant("2026-11-29T24:00:00Z") == nil)
        #expect(Instant("2026-01-01T.Z") == nil)
        #expect(Instant("2026-01-01T::Z") == nil)
    }

    @Test func instantsAcceptEveryRFC3339OffsetAndKeepUTC() {
        let cases: [(String, String?)] = [
            ("2026-11-29T17:39:24+01:00", "2026-11-29T16:39:24Z"), ("2026-11-29T23:30:00-05:30", "2026-11-30T05:00:00Z"),
            ("2026-11-29t17:39:24.123456z", "2026-11-29T17:39:24Z"), ("2026-11-29T17:39:24-00:00", "2026-11-29T17:39:24Z"),
            ("2026-12-31T23:59:60Z", "2026-12-31T23:59:59Z"), ("0001-01-01T00:30:00+01:00", nil), ("9999-12-31T23:00:00-02:00", nil),
            ("2026-11-29T17:39:24+1:00", nil), ("2026-11-29T17:39:24+01:60", nil), ("2026-11-29T17:39:24", nil),
            ("2026-11-29T17:39:24.Z", nil), ("2026-11-29 17:39:24Z", nil), ("2026-11-29T17:39:24Zjunk", nil),
        ]
        for (text, utc) in cases { #expect(Instant(text)?.description == utc, "\(text)") }
    }

    /// The text written digit by digit equals the fields padded the plain way, from year 1 to 9999,
    /// and outside that range (days only `init(daysSinceEpoch:)` makes) as before: the year as it reads.
    @Test func descriptionsMatchTheirFieldsOverEveryYear() {
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let first = Day(year: 1, month: 1, day: 1)!.daysSinceEpoch, last = Day(year: 9999, month: 12, day: 31)!.daysSinceEpoch
        var offsets = Array(stride(from: first - 800, through: last + 800, by: 331))
        offsets += [first - 1, first, last, last + 1, 0, -1]
        for offset in offsets {
            let day = Day(daysSinceEpoch: offset)
            #expect(day.description == "\(padded(day.year, 4))-\(padded(day.month, 2))-\(padded(day.day, 2))")
            let seconds = Int64(offset) * 86_400 + Int64(offset.magnitude % 86_400)
            let clock = Int(seconds - Int64(offset) * 86_400)
            #expect(Instant(secondsSinceEpoch: seconds).description
                == "\(day)T\(padded(clock / 3600, 2)):\(padded(clock / 60 % 60, 2)):\(padded(clock % 60, 2))Z")
        }
        #expect(Day(daysSinceEpoch: first - 1).description == "0000-12-31")
        #expect(Day(daysSinceEpoch: last + 1).description == "10000-01-01")
        #expect(Instant(secondsSinceEpoch: -1).description == "1969-12-31T23:59:59Z")
    }
}
