import CaseworkDomain
import Foundation

/// An organization's calendar: the day it is in its IANA time zone (tz database names such as
/// `America/New_York`, read from the system's zoneinfo through Foundation).
public enum OrganizationClock {
    /// Whether `name` is a time zone the tz database knows by that exact name (`UTC` always is):
    /// a canonical zone (`America/New_York`) or one of its links and legacy zones (`US/Eastern`,
    /// `EST5EDT`, `Etc/GMT+5`), each a file of that name in the system's zoneinfo. Offsets Foundation
    /// would make up (`GMT+5`) and names with `.` or `..` path parts are refused.
    public static func isKnown(_ name: String) -> Bool {
        if name == "UTC" { return true }
        if TimeZone.knownTimeZoneIdentifiers.contains(name) { return TimeZone(identifier: name) != nil }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard name.utf8.count <= 64, parts.allSatisfy({ part in
            !part.isEmpty && part != "." && part != ".." && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-+".contains($0)) }
        }) else { return false }
        let directory = ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"
        return FileManager.default.fileExists(atPath: "\(directory)/\(name)") && TimeZone(identifier: name)?.identifier == name
    }

    /// The calendar day in `timeZone` at `instant`; an unknown name counts as UTC.
    public static func today(timeZone: String, at instant: Instant = .now()) -> Day {
        guard timeZone != "UTC", let zone = TimeZone(identifier: timeZone) else { return instant.day }
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch)))
        return Instant(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(offset)).day
    }
}
