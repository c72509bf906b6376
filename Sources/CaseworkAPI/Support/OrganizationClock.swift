import CaseworkDomain
import Foundation

/// An organization's calendar: the day it is in its IANA time zone (tz database names such as
/// `America/New_York`, read from the system's zoneinfo through Foundation).
public enum OrganizationClock {
    /// Whether `name` is a time zone the tz database knows by that exact name (`UTC` always is);
    /// abbreviations (`EST`) and offsets (`GMT+5`) are not IANA names and are refused.
    public static func isKnown(_ name: String) -> Bool {
        name == "UTC" || (TimeZone.knownTimeZoneIdentifiers.contains(name) && TimeZone(identifier: name) != nil)
    }

    /// The calendar day in `timeZone` at `instant`; an unknown name counts as UTC.
    public static func today(timeZone: String, at instant: Instant = .now()) -> Day {
        guard timeZone != "UTC", let zone = TimeZone(identifier: timeZone) else { return instant.day }
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch)))
        return Instant(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(offset)).day
    }
}
