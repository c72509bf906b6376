import Foundation

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
        cache.current(second: Int(time(nil)))
    }

    private static let cache = Cache()

    /// The last second's text. (Self-contained: the parser's fuzz package compiles this folder alone.)
    private final class Cache: @unchecked Sendable {   // `second` and `text` only under `lock`
        private let lock = NSLock()
        private var second = -1
        private var text = ""

        func current(second now: Int) -> String {
            lock.lock()
            defer { lock.unlock() }
            if now != second { second = now; text = IMFFixdate.string(secondsSinceEpoch: now) }
            return text
        }
    }
}
