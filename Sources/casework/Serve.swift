import ArgumentParser
import CaseworkAPI
import CaseworkStorage
import Dispatch
import Foundation
import HTTPServer
import Logging
import Metrics
import Prometheus

/// `casework serve`: the HTTP API on a database file.
///
/// Prints `listening on http://HOST:PORT` as the first stdout line and the effective
/// HTTP configuration as one line on stderr. SIGTERM or SIGINT stop accepting, let
/// in-flight requests finish for up to `--shutdown-grace` seconds, and exit 0.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API. The first stdout line is `listening on http://HOST:PORT`.")

    @OptionGroup var location: DatabaseLocation

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one.")
    var port: Int = 8080

    @Option(help: "Largest request body accepted, in bytes (larger: 413).")
    var maxBodyBytes: Int = HTTPServerConfiguration().maxBodyBytes

    @Option(help: "Largest X12 835 file accepted by POST /v1/remittances, in bytes (larger: 413).")
    var maxRemittanceBytes: Int = CaseworkApplication.defaultMaximumRemittanceBytes

    @Option(help: "Most concurrent connections (more: 503 and close).")
    var maxConnections: Int = HTTPServerConfiguration().maxConnections

    @Option(help: "Longest request line in bytes (longer: 414).")
    var maxRequestLineBytes: Int = HTTPServerConfiguration().maxRequestLineBytes

    @Option(help: "Largest header section in bytes (larger: 431).")
    var maxHeaderBytes: Int = HTTPServerConfiguration().maxHeaderBytes

    @Option(help: "Most header fields in one request (more: 431).")
    var maxHeaderCount: Int = HTTPServerConfiguration().maxHeaderCount

    @Option(help: "Seconds to receive a whole header section, counted from its first byte (or from accepting the connection); then 408 and close.")
    var headerTimeout: Double = HTTPServerConfiguration().headerReadTimeout

    @Option(help: "Seconds a connection may stay idle or stalled (keep-alive, slow body, unread response) before it is closed.")
    var idleTimeout: Double = HTTPServerConfiguration().idleTimeout

    @Option(help: "Slowest average, in bytes per second, a request body may arrive at once the header timeout's grace from its start has passed; slower: 408 and close.")
    var minBodyRate: Int = Int(HTTPServerConfiguration().minimumBodyBytesPerSecond)

    @Option(help: "Seconds in-flight requests get to finish after SIGTERM/SIGINT.")
    var shutdownGrace: Double = HTTPServerConfiguration().shutdownGracePeriod

    @Option(help: "Event loops: threads that accept, read, parse and write, each over one epoll instance (default: one per core).")
    var eventLoops: Int = HTTPServerConfiguration().eventLoops

    @Option(help: "Threads that run the handlers of GET and HEAD requests (default: one per core, at least 2, on SQLite, whose handlers compute; twice the cores, at least 4, on PostgreSQL, whose handlers wait on the network); more such requests wait in order.")
    var readWorkers: Int?

    @Option(help: "Threads that run the handlers of requests that change state, POST, PATCH, PUT, DELETE (default: 2 on SQLite, whose writes take turns at one writer; as --read-workers on PostgreSQL); more such requests wait in order, never in the way of reads.")
    var writeWorkers: Int?

    @Option(help: "Nice steps (0-19) below normal at which the handler threads run, so connections and health checks go first.")
    var workerNice: Int = HTTPServerConfiguration().workerNiceness

    func validate() throws {
        for (name, value) in [("--max-body-bytes", maxBodyBytes), ("--max-remittance-bytes", maxRemittanceBytes), ("--max-connections", maxConnections),
                              ("--max-request-line-bytes", maxRequestLineBytes), ("--max-header-bytes", maxHeaderBytes),
                              ("--max-header-count", maxHeaderCount)] where value < 1 {
            throw ValidationError("\(name) must be at least 1.")
        }
        for (name, value) in [("--header-timeout", headerTimeout), ("--idle-timeout", idleTimeout)]
        where !(value > 0 && value <= 86_400) {
            throw ValidationError("\(name) must be more than 0 and at most 86400 seconds.")
        }
        guard (1...1_000_000_000).contains(minBodyRate) else { throw ValidationError("--min-body-rate must be between 1 and 1000000000 bytes per second.") }
        guard (1...256).contains(eventLoops) else { throw ValidationError("--event-loops must be between 1 and 256.") }
        for (name, value) in [("--read-workers", readWorkers), ("--write-workers", writeWorkers)] {
            if let value, !(1...1024).contains(value) { throw ValidationError("\(name) must be between 1 and 1024.") }
        }
        guard (0...19).contains(workerNice) else { throw ValidationError("--worker-nice must be between 0 and 19.") }
        guard shutdownGrace >= 0, shutdownGrace <= 86_400 else {
            throw ValidationError("--shutdown-grace must be between 0 and 86400 seconds.")
        }
    }

    func run() throws {
        // Metrics first: every counter and gauge made from here on reports to this registry.
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [.microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
                                                   .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                                   .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                                   .milliseconds(2500), .seconds(5), .seconds(10)]
        MetricsSystem.bootstrap(factory)
        // Lines go through a bounded buffer and a writer thread: a stalled stderr drops lines, never requests.
        let logSink = LogSink(descriptor: STDERR_FILENO)
        LoggingSystem.bootstrap { label in
            var handler = BufferedLogHandler(label: label, sink: logSink)
            handler.logLevel = ProcessInfo.processInfo.environment["CASEWORK_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let store = try location.open()
        // Trimmed like a presented token is (a value pasted with a trailing newline must still work).
        let metricsToken = ProcessInfo.processInfo.environment["CASEWORK_METRICS_TOKEN"]
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        // The database's memory is read at each scrape: what its page caches hold, and what they may hold.
        // The process heap likewise: bytes in live allocations (SQLite's included) and bytes freed but kept.
        let pageCache = Gauge(label: "sqlite_page_cache_bytes"), cacheBudget = Gauge(label: "sqlite_page_cache_budget_bytes")
        let heapInUse = Gauge(label: "process_heap_in_use_bytes"), heapFree = Gauge(label: "process_heap_free_bytes")
        let metrics = metricsToken.map {
            MetricsEndpoint(token: $0) {
                pageCache.record(store.pageCacheBytes)
                cacheBudget.record(store.pageCacheBudgetBytes)
                let heap = HeapFigures.now()
                heapInUse.record(heap.inUse)
                heapFree.record(heap.free)
                return registry.emitToBuffer()
            }
        }
        var configuration = HTTPServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxBodyBytesByPath = [CaseworkApplication.remittancePath: maxRemittanceBytes]
        configuration.maxConnections = maxConnections
        configuration.maxRequestLineBytes = maxRequestLineBytes
        configuration.maxHeaderBytes = maxHeaderBytes
        configuration.maxHeaderCount = maxHeaderCount
        configuration.headerReadTimeout = headerTimeout
        configuration.idleTimeout = idleTimeout
        configuration.minimumBodyBytesPerSecond = Double(minBodyRate)
        configuration.shutdownGracePeriod = shutdownGrace
        configuration.eventLoops = eventLoops
        let embedded = location.postgreSQL == nil
        configuration.readWorkerThreads = readWorkers ?? (embedded ? HTTPServerConfiguration.computingWorkers : HTTPServerConfiguration.waitingWorkers)
        configuration.writeWorkerThreads = writeWorkers ?? (embedded ? HTTPServerConfiguration.writingWorkers : HTTPServerConfiguration.waitingWorkers)
        configuration.workerNiceness = workerNice
        Self.raiseDescriptorLimit(toAtLeast: maxConnections + 256)
        let server = HTTPServer(configuration: configuration, responder: CompressingResponder(wrapping: CaseworkApplication(store: store, metrics: metrics)))

        // Signals are handled by Dispatch sources; their default actions must not run.
        signal(SIGPIPE, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let grace = shutdownGrace
        let signals = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for source in signals {
            source.setEventHandler { server.shutdown(gracePeriod: grace) }
        }

        let bound = try server.start()
        // Resumed only now: a shutdown before `start()` would be a no-op.
        for source in signals { source.resume() }
        // Written unbuffered: scripts wait for this line to learn the port. A stdout that cannot take
        // it (closed, full) costs the line, never the server.
        try? FileHandle.standardOutput.write(contentsOf: Data("listening on http://\(host):\(bound)\n".utf8))
        var effective = configuration
        effective.port = bound
        logSink.write(Array((effective.summary + "\n").utf8))
        server.waitUntilStopped()
        store.close()
        logSink.flush(timeout: 2)
        withExtendedLifetime(signals) {}
    }

    /// Raises the soft open-file limit toward `wanted` (never above the hard limit), so
    /// `--max-connections` rather than a low default `ulimit -n` bounds connections.
    /// Whatever the limit, running out of descriptors only pauses accepting (EMFILE).
    static func raiseDescriptorLimit(toAtLeast wanted: Int) {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < rlim_t(wanted) else { return }
        limit.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
        _ = setrlimit(resource, &limit)
    }
}
