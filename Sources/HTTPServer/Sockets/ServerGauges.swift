import Metrics

/// Open connections as the swift-metrics gauge `http_open_connections` (the worker queue's depth
/// is the pool's own, see `WorkerPool`). Whatever metrics backend the process bootstraps reads it;
/// without one it costs little.
final class ServerGauges: Sendable {
    private let connections = Locked(0)
    private let connectionsGauge = Gauge(label: "http_open_connections")

    /// A connection was admitted (+1) or closed (-1).
    func connectionsChanged(by delta: Int) {
        let now = connections.withLock { $0 += delta; return $0 }
        connectionsGauge.record(now)
    }
}
