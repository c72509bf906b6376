import Foundation
import Metrics

/// The per-request metrics `http_requests_total{method,route,status}` and
/// `http_request_duration_seconds{method,route}`, with each series' handle made once and kept: making
/// a handle asks the metrics backend to find the series by name and labels, under its lock, which
/// cost more than the request it counts for a health check.
///
/// The number of series is bounded: methods are the seven counted ones or `other`, routes are the
/// route templates (plus `(none)` and `(refused)`), statuses are the ones the server sends.
///
/// **Concurrency.** `@unchecked Sendable`: the two caches are only touched under `lock`.
final class RequestMetrics: @unchecked Sendable {
    private struct Series: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    /// Methods counted by name; any other is counted as `other` (a client must not be able to mint
    /// new series).
    static let countedMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    private let lock = NSLock()
    private var counters: [Series: Counter] = [:]
    private var timers: [Series: Metrics.Timer] = [:]

    /// Counts one request answered with `status` and records its duration (microseconds).
    func record(method: String, route: String, status: Int, micros: UInt64) {
        let counted = Self.countedMethods.contains(method) ? method : "other"
        let (counter, timer) = handles(Series(method: counted, route: route, status: status))
        counter.increment()
        timer.recordMicroseconds(Int64(micros))
    }

    private func handles(_ series: Series) -> (Counter, Metrics.Timer) {
        let timed = Series(method: series.method, route: series.route, status: 0)
        lock.lock()
        defer { lock.unlock() }
        let counter = counters[series] ?? {
            let made = Counter(label: "http_requests_total",
                               dimensions: [("method", series.method), ("route", series.route), ("status", String(series.status))])
            counters[series] = made
            return made
        }()
        let timer = timers[timed] ?? {
            let made = Metrics.Timer(label: "http_request_duration_seconds",
                                     dimensions: [("method", series.method), ("route", series.route)])
            timers[timed] = made
            return made
        }()
        return (counter, timer)
    }
}
