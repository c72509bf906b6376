import Logging

/// What every connection of one server shares: limits, timeouts, the responder,
/// the worker pool it runs on and the logger. Immutable, so safely shared.
struct ConnectionContext: Sendable {
    /// Parser limits (request line, header section, header count, body).
    let limits: HTTPParserLimits
    /// Seconds to receive a whole header section → 408.
    let headerReadTimeout: Double
    /// Seconds without progress before closing.
    let idleTimeout: Double
    /// Slowest average body arrival after `headerReadTimeout` of grace (bytes/s) → 408.
    let minimumBodyBytesPerSecond: Double
    /// Seconds to keep reading (and discarding) after the server half-closed, so
    /// unread client bytes don't turn the close into a reset that destroys the
    /// response in flight (RFC 9112 §9.6).
    let lingerTimeout: Double
    /// Bytes discarded during lingering before giving up and closing at once.
    let maxLingerBytes: Int
    /// Answers requests; called on `readWorkers` and `writeWorkers`.
    let responder: any HTTPResponder
    /// The threads where `responder.respond` runs (it may block) for requests of safe methods.
    let readWorkers: WorkerPool
    /// The threads where `responder.respond` runs for every other request.
    let writeWorkers: WorkerPool
    /// Debug lines for connection events; never header values or bodies.
    let logger: Logger
    /// Open connections and worker queue depth, for metrics.
    let gauges: ServerGauges
}
