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
        #expect(Instant("2026-11-29T17:39:24+01:00") == nil)
        #expect(Instant("2026-11-29T24:00:00Z") == nil)
        #expect(Instant("2026-01-01T.Z") == nil)
        #expect(Instant("2026-01-01T::Z") == nil)
    }
}
