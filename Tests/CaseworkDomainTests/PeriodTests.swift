import Testing
@testable import CaseworkDomain

@Suite struct PeriodTests {
    @Test func namedPeriodsContainToday() {
        let today = Day("2026-11-29")!   // a Sunday
        #expect(Period(.thisWeek, today: today) == Period(from: Day("2026-11-23"), to: Day("2026-11-29")))
        #expect(Period(.thisWeek, today: Day("2026-11-23")!) == Period(from: Day("2026-11-23"), to: Day("2026-11-29")))
        #expect(Period(.thisMonth, today: today) == Period(from: Day("2026-11-01"), to: Day("2026-11-30")))
        #expect(Period(.thisMonth, today: Day("2028-02-10")!) == Period(from: Day("2028-02-01"), to: Day("2028-02-29")))
        #expect(Period(.thisQuarter, today: today) == Period(from: Day("2026-10-01"), to: Day("2026-12-31")))
        #expect(Period(.thisQuarter, today: Day("2026-02-10")!) == Period(from: Day("2026-01-01"), to: Day("2026-03-31")))
        #expect(Period(.thisYear, today: today) == Period(from: Day("2026-01-01"), to: Day("2026-12-31")))
        #expect(Period(.all, today: today) == Period(from: nil, to: nil))
    }
}
