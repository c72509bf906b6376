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
}
