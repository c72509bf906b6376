import Foundation

/// Request ids for responses and log lines: a random prefix per process and a counter, so ids are
/// unique across restarts without reading the system's random source on every request.
final class RequestIDs: @unchecked Sendable {  // `counter` behind `lock`
    private let prefix = String(UUID().uuidString.lowercased().prefix(13))
    private let lock = NSLock()
    private var counter: UInt64 = 0

    /// The next id, e.g. `3f9a1c2e-7b4d-000000000042`.
    func next() -> String {
        lock.lock()
        counter += 1
        let value = counter
        lock.unlock()
        let digits = String(value)
        return prefix + "-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }
}
