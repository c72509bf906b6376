/// The aging buckets a billing office reads receivables by: 0–30, 31–60, 61–90, 91–120 and over
/// 120 days. A case ages from the day it was opened; a claim from its first submission (else its
/// first service date, else the day Casework recorded it).
public enum AgingBucket: String, Sendable, CaseIterable, Hashable {
    case days0To30 = "0-30"
    case days31To60 = "31-60"
    case days61To90 = "61-90"
    case days91To120 = "91-120"
    case over120 = "120+"

    /// The ages (whole days, today minus the start day) the bucket holds; an age below 0 (a start
    /// in the future) counts as 0.
    public var ages: ClosedRange<Int> {
        switch self {
        case .days0To30: 0...30
        case .days31To60: 31...60
        case .days61To90: 61...90
        case .days91To120: 91...120
        case .over120: 121...Int.max
        }
    }

    /// The bucket of an age in days.
    public init(ageDays: Int) {
        self = Self.allCases.first { $0.ages.contains(max(0, ageDays)) } ?? .over120
    }

    /// The earliest start day whose age on `today` still falls in this bucket or a younger one
    /// (`today` − the bucket's oldest age); nil for the open-ended oldest bucket. A start on or
    /// after it is at most `ages.upperBound` days old, so buckets can be told by comparing ISO
    /// dates (`start >= earliestStart`) instead of computing each age.
    public func earliestStart(on today: Day) -> Day? {
        ages.upperBound == Int.max ? nil : today.adding(days: -ages.upperBound)
    }

    /// Whole days from `start` to `today` (negative when `start` is later).
    public static func age(from start: Day, to today: Day) -> Int { today.daysSinceEpoch - start.daysSinceEpoch }
}
