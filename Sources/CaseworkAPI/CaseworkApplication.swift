import CaseworkDomain
import Foundation
import HTTPServer
import Logging
import Metrics
import CaseworkUseCases

/// The Casework HTTP API: every route of `openapi.yaml` over one store, with one log line per request.
public struct CaseworkApplication: HTTPResponder {
    let router: Router
    let logger: Logger
    let requestIDs = RequestIDs()
    let requestMetrics = RequestMetrics()

    /// The path 835 files are posted to, and its default body limit (64 MiB): `casework serve`
    /// gives this path its own limit, every other path keeps the general one.
    public static let remittancePath = RemittanceRoutes.path
    public static let defaultMaximumRemittanceBytes = RemittanceRoutes.defaultMaximumFileBytes

    /// Builds the routes over `store`, the billing team's page at `GET /` included; `metrics`,
    /// when given, is served at `GET /metrics`.
    public init(store: any CaseworkData, metrics: MetricsEndpoint? = nil, logger: Logger = Logger(label: "casework.api")) {
        var table = RouteTable(store: store)
        let healthy = Responses.json(.object([("status", "ok")]))
        table.addOpen("GET", "/healthz") { _, _ in healthy }
        if let metrics { table.addOpen("GET", "/metrics") { request, _ in metrics.respond(to: request) } }
        PageRoutes.register(&table)
        DirectoryRoutes.register(&table)
        PayerPatientRoutes.register(&table)
        ClaimRoutes.register(&table)
        CaseRoutes.register(&table)
        DashboardRoutes.register(&table)
        TokenRoutes.register(&table)
        AuditRoutes.register(&table)
        RemittanceRoutes.register(&table)
        RuleRoutes.register(&table)
        CodeRoutes.register(&table)
        router = table.router
        self.logger = logger
    }

    /// Answers one request and writes one log line (see `log`): request id (also sent back as `X-Request-Id`),
    /// method, route template (never the raw path or query), status, duration, organization and
    /// user ids. Bodies, header values and query strings never reach the log: they may carry PHI or tokens.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let requestID = request.headers["X-Request-Id"].flatMap { RequestIDs.isAcceptable($0) ? $0 : nil }
            ?? requestIDs.next()
        let record = RequestRecord()
        var response = RequestRecord.$current.withValue(record) { router.respond(to: request) }
        response.headers.set("X-Request-Id", requestID)
        log(requestID: requestID, method: request.method, route: record.route ?? "(none)", status: response.status,
            micros: (DispatchTime.now().uptimeNanoseconds - started) / 1000, record: record)
        return response
    }

    /// The server's own refusals (malformed or oversized messages, timeouts, a full server) get a
    /// request id and a log line like every other answer; route `(refused)`, method `-` (the
    /// request line may not have been read).
    public func refused(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        let requestID = requestIDs.next()
        response.headers.set("X-Request-Id", requestID)
        log(requestID: requestID, method: "-", route: "(refused)", status: response.status, micros: 0, record: nil)
        return response
    }

    /// The health check is answered on the connection's queue, never behind heavy requests.
    public func answersInline(_ request: HTTPRequest) -> Bool {
        (request.method == "GET" || request.method == "HEAD") && request.path == "/healthz"
    }

    /// The request's line: its fields in a fixed order in the message, e.g. `request request_id=…
    /// method=GET route=/v1/cases/{id} status=200 duration_us=412 organization_id=… user_id=…`
    /// (no metadata dictionary to build, hash and sort for each request); a 500 adds `failure="…"`
    /// (see `RequestRecord.failure`).
    private func log(requestID: String, method: String, route: String, status: Int, micros: UInt64, record: RequestRecord?) {
        requestMetrics.record(method: method, route: route, status: status, micros: micros)
        logger.info("""
            request request_id=\(requestID) method=\(method) route=\(route) status=\(status) duration_us=\(micros) \
            organization_id=\(record?.organizationID ?? "-") user_id=\(record?.userID ?? "-")\(record?.failure.map { " failure=\"\($0)\"" } ?? "")
            """)
    }
}
