import Foundation

/// A text of the current second (a header date, a log timestamp), formatted once per second and
/// shared by every caller in that second. (In Message/: the parser's fuzz package compiles this
/// folder alone.)
///
/// **Concurrency.** `@unchecked Sendable`: `second` and `text` are only touched under `lock`.
final class SecondClock: @unchecked Sendable {
    private let format: @Sendable (_ secondsSinceEpoch: Int) -> String
    private let lock = NSLock()
    private var second = -1
    private var text = ""

    /// A clock whose text for a second is `format(secondsSinceEpoch)`.
    init(format: @escaping @Sendable (_ secondsSinceEpoch: Int) -> String) {
        self.format = format
    }

    /// The text of the current second.
    func now() -> String {
        let current = Int(time(nil))
        lock.lock()
        defer { lock.unlock() }
        if current != second { second = current; text = format(current) }
        return text
    }

    /// The UTC calendar parts of `seconds` since the Unix epoch (`gmtime_r`).
    static func utcParts(_ seconds: Int) -> tm {
        var time = time_t(seconds), parts = tm()
        gmtime_r(&time, &parts)
        return parts
    }

    /// `value` with at least two digits (`7` → `07`).
    static func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
