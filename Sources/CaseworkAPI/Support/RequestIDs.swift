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
        guard value < 1_000_000_000_000 else { return prefix + "-" + String(value) }
        // The prefix, '-', and the counter in 12 zero-padded decimal digits, written in place.
        let head = prefix.utf8
        return String(unsafeUninitializedCapacity: head.count + 13) { text in
            var position = 0
            for byte in head { text[position] = byte; position += 1 }
            text[position] = UInt8(ascii: "-")
            var rest = value
            for offset in stride(from: position + 12, to: position, by: -1) {
                text[offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return position + 13
        }
    }

    /// Whether a client's `X-Request-Id` may be used as is: 1–64 ASCII letters, digits or '-'
    /// (anything else could forge log fields).
    static func isAcceptable(_ candidate: String) -> Bool {
        let bytes = candidate.utf8
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "-"):
                continue
            default:
                return false
            }
        }
        return true
    }
}
