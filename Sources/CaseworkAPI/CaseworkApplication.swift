import CaseworkDomain
import CaseworkStorage
import Foundation
import HTTPServer
import Logging
import Metrics

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
    public init(store: CaseworkStore, metrics: MetricsEndpoint? = nil, logger: Logger = Logger(label: "casework.api")) {
        var table = RouteTable(store: store)
        table.addOpen("GET", "/healthz") { _, _ in Responses.json(.object([("status", "ok")])) }
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

    /// Answers one request and writes one log line: request id (also sent back as `X-Request-Id`),
    /// method, route template (never the raw path or query), status, duration, organization and
    /// user ids. Bodies, header values and query strings never reach the log: they may carry PHI or tokens.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let requestID = request.headers["X-Request-Id"].flatMap { $0.utf8.count <= 64 && !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 } ? $0 : nil }
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

    private func log(requestID: String, method: String, route: String, status: Int, micros: UInt64, record: RequestRecord?) {
        requestMetrics.record(method: method, route: route, status: status, micros: micros)
        logger.info("request", metadata: [
            "request_id": .string(requestID), "method": .string(method), "route": .string(route),
            "status": .stringConvertible(status), "duration_us": .stringConvertible(micros),
            "organization_id": .string(record?.organizationID ?? "-"), "user_id": .string(record?.userID ?? "-"),
        ])
    }
}
