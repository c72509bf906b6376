/// A reporting period of whole UTC days, both ends included.
public struct Period: Sendable, Hashable {
    /// First day, or nil for no lower bound.
    public var from: Day?
    /// Last day, or nil for no upper bound.
    public var to: Day?

    public init(from: Day?, to: Day?) { self.from = from; self.to = to }

    /// Named periods relative to a day.
    public enum Name: String, Sendable, CaseIterable {
        case thisWeek = "this_week"
        case thisMonth = "this_month"
        case thisQuarter = "this_quarter"
        case thisYear = "this_year"
        case all
    }

    /// The named period containing `today`; weeks start on Monday (ISO 8601).
    public init(_ name: Name, today: Day) {
        switch name {
        case .all:
            self.init(from: nil, to: nil)
        case .thisWeek:
            // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays.
            let weekday = ((today.daysSinceEpoch + 3) % 7 + 7) % 7
            let monday = today.adding(days: -weekday)
            self.init(from: monday, to: monday.adding(days: 6))
        case .thisMonth:
            let first = Day(year: today.year, month: today.month, day: 1)!
            self.init(from: first, to: first.adding(days: Day.daysIn(month: today.month, year: today.year) - 1))
        case .thisQuarter:
            let firstMonth = (today.month - 1) / 3 * 3 + 1
            let first = Day(year: today.year, month: firstMonth, day: 1)!
            let lastMonth = firstMonth + 2
            self.init(from: first, to: Day(year: today.year, month: lastMonth, day: Day.daysIn(month: lastMonth, year: today.year))!)
        case .thisYear:
            self.init(from: Day(year: today.year, month: 1, day: 1)!, to: Day(year: today.year, month: 12, day: 31)!)
        }
    }
}
