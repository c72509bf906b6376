import Foundation

/// Formatting of the `Date` header as IMF-fixdate, e.g.
/// `"Sun, 06 Nov 1994 08:49:37 GMT"` (RFC 9110 §5.6.7).
enum IMFFixdate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The IMF-fixdate for `seconds` since the Unix epoch (UTC).
    static func string(secondsSinceEpoch seconds: Int) -> String {
        let parts = SecondClock.utcParts(seconds), two = SecondClock.twoDigits
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// The IMF-fixdate for the current time, formatted once per second and shared by every response of that second.
    static func now() -> String { clock.now() }

    private static let clock = SecondClock(format: string(secondsSinceEpoch:))
}
