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
    /// The slowest average a request body may arrive at, in bytes per second, once
    /// `headerReadTimeout` seconds of grace from its start have passed; slower → 408 and
    /// close. Without it a client trickling one byte per second (under the idle timeout)
    /// held a connection for as long as its declared length lasted.
    public var minimumBodyBytesPerSecond: Double = 500
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
    /// Threads that run responders (see `WorkerPool`) for requests of safe methods (GET, HEAD,
    /// OPTIONS, TRACE: RFC 9110 §9.2.1); more such requests wait in order. They never wait behind
    /// requests that change state, which have threads of their own (`writeWorkerThreads`): on an
    /// embedded database those queue for its one writer, and a long one (an 835 posting holds
    /// the writer for seconds) once held every shared worker with the writes waiting behind it.
    /// Default: one per core (at least 2), for responders that compute rather than wait: more
    /// runnable handlers than cores are sliced against each other, and a handler's time then
    /// includes the others' slices. On two cores, GET /v1/cases/{id} from a representation cache
    /// under 16 keep-alive connections (`make bench-http`'s load, alternating servers): request p99
    /// 2.9 ms with 2 threads against 3.5 ms with 3 and 3.5 ms with 1, requests/s 10% below 3
    /// threads'; 16 threads had twice the p99 of 4. Responders that wait on a network (a database
    /// server) want more threads.
    public var readWorkerThreads: Int = Self.computingWorkers
    /// Threads that run responders for requests of every other method (POST, PUT, PATCH, DELETE…).
    /// Default 2: on an embedded database writes take turns at its one writer anyway; the second
    /// thread decodes, checks and reads for the next write while one writes.
    public var writeWorkerThreads: Int = Self.writingWorkers
    /// How many nice steps below normal the worker threads run (0–19; 0 = no difference), so
    /// that connections and inline answers are scheduled ahead of heavy handlers. Default 0: on
    /// Linux 6.18 (EEVDF) a loop waking for an inline answer gets the CPU from busy workers at
    /// equal priority too (`make bench-healthz`: /healthz p99 under heavy handlers 0.9-4.1 ms at
    /// 0 against 3.2-4.2 ms at 5), while at 5 every wake-up of a loop preempted a worker (0.9
    /// involuntary switches per request against 0.4; 10-20% fewer requests/s).
    public var workerNiceness: Int = 0

    /// One worker per core, at least 2: for responders that compute (the default of reads).
    public static var computingWorkers: Int { max(2, ProcessInfo.processInfo.activeProcessorCount) }
    /// Two workers: for writes that take turns at one database writer (the default of writes).
    public static let writingWorkers = 2
    /// Twice the cores, at least 4: for responders that spend much of their time waiting on a
    /// network, so that the cores stay busy while some wait.
    public static var waitingWorkers: Int { max(4, 2 * ProcessInfo.processInfo.activeProcessorCount) }

    /// Creates the default configuration.
    public init() {}

    /// The effective settings as one `key=value` line, for a server's start-up log.
    public var summary: String {
        "http configuration: host=\(host) port=\(port) max-request-line-bytes=\(maxRequestLineBytes)"
            + " max-header-bytes=\(maxHeaderBytes) max-header-count=\(maxHeaderCount)"
            + " max-body-bytes=\(maxBodyBytes)"
            + maxBodyBytesByPath.sorted { $0.key < $1.key }.map { " max-body-bytes[\($0.key)]=\($0.value)" }.joined()
            + " header-timeout=\(headerReadTimeout)s"
            + " idle-timeout=\(idleTimeout)s min-body-rate=\(Int(minimumBodyBytesPerSecond))B/s max-connections=\(maxConnections)"
            + " shutdown-grace=\(shutdownGracePeriod)s event-loops=\(eventLoops) read-workers=\(readWorkerThreads) write-workers=\(writeWorkerThreads) worker-nice=\(workerNiceness)"
    }

    /// The parser limits derived from these settings.
    var parserLimits: HTTPParserLimits {
        HTTPParserLimits(
            maxRequestLineBytes: maxRequestLineBytes, maxHeaderBytes: maxHeaderBytes,
            maxHeaderCount: maxHeaderCount, maxBodyBytes: maxBodyBytes,
            maxBodyBytesByPath: maxBodyBytesByPath)
    }
}
