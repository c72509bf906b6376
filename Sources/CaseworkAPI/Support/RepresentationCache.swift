import Foundation
import Metrics

/// The server's representation caches: views and dashboards (per caller, target and day), and
/// single cases (per organization and case id), kept apart so that reading many cases never evicts
/// the dashboards, whose recomputation is the expensive one.
struct RepresentationCaches: Sendable {
    /// Hits and misses counted as `representation_cache_total{result}`.
    let views = RepresentationCache(metric: "representation_cache_total")
    /// About 1.7 kB a case: some 2 MB when full. Counted as `case_representation_cache_total{result}`.
    let cases = RepresentationCache(capacity: 1024, metric: "case_representation_cache_total")
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
        /// The revision of a single case's body (what an `If-Match` naming `etag` lets a write expect).
        var revision: Int?
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var keys: [String] = []
    private let capacity: Int
    /// `<metric>{result="hit"}` and `{result="miss"}`, made once (a registry lookup per request is not free).
    private let hits: Counter
    private let misses: Counter

    /// A cache of at most `capacity` representations (the oldest stored is dropped first), whose
    /// hits and misses count as the counter `metric` with `result` `hit` or `miss`.
    init(capacity: Int = 256, metric: String) {
        self.capacity = capacity
        hits = Counter(label: metric, dimensions: [("result", "hit")])
        misses = Counter(label: metric, dimensions: [("result", "miss")])
    }

    /// The entry for `key` at `version`: the one kept (a hit), else the one `compute` makes, kept
    /// for the next request (a miss).
    func entry(for key: String, at version: Int, compute: () throws -> Entry) rethrows -> Entry {
        if let kept = kept(key, at: version) {
            hits.increment()
            return kept
        }
        misses.increment()
        let made = try compute()
        store(made, for: key)
        return made
    }

    /// The entry for `key` if it was computed at `version`.
    private func kept(_ key: String, at version: Int) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[key], entry.version == version else { return nil }
        return entry
    }

    /// Stores `entry` under `key`, replacing an older one.
    private func store(_ entry: Entry, for key: String) {
        lock.lock(); defer { lock.unlock() }
        if entries.updateValue(entry, forKey: key) == nil {
            keys.append(key)
            if keys.count > capacity { entries[keys.removeFirst()] = nil }
        }
    }
}
