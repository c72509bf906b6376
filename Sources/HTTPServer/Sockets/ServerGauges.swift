import Metrics

/// The server's load as swift-metrics gauges: open connections (`http_open_connections`) and
/// requests handed to the worker queue but not yet started there (`http_worker_queue_depth`).
/// Whatever metrics backend the process bootstraps reads them; without one they cost little.
final class ServerGauges: Sendable {
    private let counts = Locked((connections: 0, queued: 0))
    private let connectionsGauge = Gauge(label: "http_open_connections")
    private let queueGauge = Gauge(label: "http_worker_queue_depth")

    /// A connection was admitted (+1) or closed (-1).
    func connectionsChanged(by delta: Int) {
        let now = counts.withLock { $0.connections += delta; return $0.connections }
        connectionsGauge.record(now)
    }

    /// A request was queued for a worker (+1) or a worker took it (-1).
    func queueChanged(by delta: Int) {
        let now = counts.withLock { $0.queued += delta; return $0.queued }
        queueGauge.record(now)
    }
}
