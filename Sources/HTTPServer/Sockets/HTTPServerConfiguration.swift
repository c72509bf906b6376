import Foundation

/// Settings of an `HTTPServer`. Sizes are in bytes, times in seconds.
public struct HTTPServerConfiguration: Sendable {
    /// Address to listen on: a numeric IPv4/IPv6 address or a host name. Default `"127.0.0.1"`.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 lets the kernel pick a free one (`start()` returns it). Default 8080.
    public var port: Int = 8080
    /// Longest request line (method, target, version; without CRLF); longer → 414.
    public var maxRequestLineBytes: Int = 8192
    /// Largest header section (all field lines with CRLFs plus the final CRLF); larger → 431.
    public var maxHeaderBytes: Int = 32768
    /// Most header fields in one request; more → 431.
    public var maxHeaderCount: Int = 100
    /// Largest request body. A declared Content-Length above it → 413 before any body
    /// byte is read (and without `100 Continue`); a chunked body growing past it → 413.
    public var maxBodyBytes: Int = 1 << 20
    /// Body limits for exact request paths (raw, without the query) that differ from
    /// `maxBodyBytes`, e.g. `["/upload": 64 << 20]`; enforced the same way.
    public var maxBodyBytesByPath: [String: Int] = [:]
    /// Seconds allowed to receive a whole header section once its first byte arrived;
    /// then → 408 and close.
    public var headerReadTimeout: Double = 10
    /// Seconds a connection may go without progress (idle between requests, a stalled
    /// body, a client not reading its response) before it is closed.
    public var idleTimeout: Double = 60
    /// Most simultaneously open connections; a connection over it gets 503 and is closed.
    /// So does one accepted when the process is near its open-file limit (a reserve of
    /// descriptors is kept, see `Socket.descriptorCeiling()`), whatever this says.
    public var maxConnections: Int = 1024
    /// Seconds `casework serve` lets in-flight requests finish after SIGTERM/SIGINT
    /// before closing what remains (passed to `HTTPServer.shutdown(gracePeriod:)`).
    public var shutdownGracePeriod: Double = 10
    /// Event loops (threads each waiting on one epoll instance, see `EventLoop`) that accept,
    /// read, parse and write. Default: one per core.
    public var eventLoops: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Threads that run responders (see `WorkerPool`); requests beyond them wait in order.
    /// Default: twice the cores, at least 4 — on two cores 16 threads answered no more requests
    /// than 4 and had twice the p99 (GET /v1/cases/{id}, wrk 16 connections: 15–19 ms vs 10–11 ms).
    public var workerThreads: Int = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
    /// How many nice steps below normal the worker threads run (0–19; 0 = no difference), so
    /// that connections and inline answers are scheduled ahead of heavy handlers.
    public var workerNiceness: Int = 5

    /// Creates the default configuration.
    public init() {}

    /// The effective settings as one `key=value` line, for a server's start-up log.
    public var summary: String {
        "http configuration: host=\(host) port=\(port) max-request-line-bytes=\(maxRequestLineBytes)"
            + " max-header-bytes=\(maxHeaderBytes) max-header-count=\(maxHeaderCount)"
            + " max-body-bytes=\(maxBodyBytes)"
            + maxBodyBytesByPath.sorted { $0.key < $1.key }.map { " max-body-bytes[\($0.key)]=\($0.value)" }.joined()
            + " header-timeout=\(headerReadTimeout)s"
            + " idle-timeout=\(idleTimeout)s max-connections=\(maxConnections)"
            + " shutdown-grace=\(shutdownGracePeriod)s event-loops=\(eventLoops) workers=\(workerThreads) worker-nice=\(workerNiceness)"
    }

    /// The parser limits derived from these settings.
    var parserLimits: HTTPParserLimits {
        HTTPParserLimits(
            maxRequestLineBytes: maxRequestLineBytes, maxHeaderBytes: maxHeaderBytes,
            maxHeaderCount: maxHeaderCount, maxBodyBytes: maxBodyBytes,
            maxBodyBytesByPath: maxBodyBytesByPath)
    }
}
