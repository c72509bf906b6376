import Foundation
import Metrics

/// The server's representation caches: views and dashboards (per caller, target and day), and
/// single cases (per organization and case id), kept apart so that reading many cases never evicts
/// the dashboards, whose recomputation is the expensive one.
struct RepresentationCaches: Sendable {
    let views = RepresentationCache()
    /// About 1.7 kB a case: some 2 MB when full.
    let cases = RepresentationCache(capacity: 1024)
}

/// Recently computed representations (of views and dashboards, or of single cases), each valid
/// while its organization's data version is unchanged: an unchanged poll then costs one indexed
/// read instead of the queries behind the body, and answers 304 with the same ETag as before.
final class RepresentationCache: @unchecked Sendable {  // all state behind `lock`
    struct Entry: Sendable {
        /// The organization's data version the body was computed at.
        let version: Int
        let body: [UInt8]
        let etag: String
        /// How many rows of the body name a patient (a bulk PHI read each time the body is sent).
        var patientRows = 0
        /// The patients a single-entity body names (a read of each audited each time it is sent).
        var patientIDs: [String] = []
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var keys: [String] = []
    private let capacity: Int

    /// A cache of at most `capacity` representations; the oldest stored is dropped first.
    init(capacity: Int = 256) { self.capacity = capacity }

    /// The entry for `key` if it was computed at `version`.
    func entry(for key: String, at version: Int) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[key], entry.version == version else { return nil }
        return entry
    }

    /// The entry for `key` at `version`: the one kept (a hit), else the one `compute` makes, kept
    /// for the next request (a miss); `counters` count which.
    func entry(for key: String, at version: Int, counters: (hit: Counter, miss: Counter), compute: () throws -> Entry) rethrows -> Entry {
        if let kept = entry(for: key, at: version) {
            counters.hit.increment()
            return kept
        }
        counters.miss.increment()
        let made = try compute()
        store(made, for: key)
        return made
    }

    /// Stores `entry` under `key`, replacing an older one.
    func store(_ entry: Entry, for key: String) {
        lock.lock(); defer { lock.unlock() }
        if entries.updateValue(entry, forKey: key) == nil {
            keys.append(key)
            if keys.count > capacity { entries[keys.removeFirst()] = nil }
        }
    }
}
