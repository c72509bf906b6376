#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Formatting of the `Date` header as IMF-fixdate, e.g.
/// `"Sun, 06 Nov 1994 08:49:37 GMT"` (RFC 9110 §5.6.7).
enum IMFFixdate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The IMF-fixdate for `seconds` since the Unix epoch (UTC).
    static func string(secondsSinceEpoch seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = days[Int(parts.tm_wday)]
        let month = months[Int(parts.tm_mon)]
        return "\(day), \(two(parts.tm_mday)) \(month) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// The IMF-fixdate for the current time, formatted once per second and shared by every response of that second.
    static func now() -> String {
        let second = Int(time(nil))
        return cache.withLock { cached in
            if cached.second != second { cached = (second, string(secondsSinceEpoch: second)) }
            return cached.text
        }
    }

    private static let cache = Locked((second: -1, text: ""))
}
