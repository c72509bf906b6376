import CaseworkDomain
import CaseworkStorage
import Foundation
import HTTPServer
import Logging

/// The Casework HTTP API: every route of `openapi.yaml` over one store, with one log line per request.
public struct CaseworkApplication: HTTPResponder {
    let router: Router
    let logger: Logger
    let requestIDs = RequestIDs()

    /// The path 835 files are posted to, and its default body limit (64 MiB): `casework serve`
    /// gives this path its own limit, every other path keeps the general one.
    public static let remittancePath = RemittanceRoutes.path
    public static let defaultMaximumRemittanceBytes = RemittanceRoutes.defaultMaximumFileBytes

    /// Builds the routes over `store`.
    public init(store: CaseworkStore, logger: Logger = Logger(label: "casework.api")) {
        var table = RouteTable(store: store)
        table.addOpen("GET", "/healthz") { _, _ in Responses.json(.object([("status", "ok")])) }
        DirectoryRoutes.register(&table)
        PayerPatientRoutes.register(&table)
        ClaimRoutes.register(&table)
        CaseRoutes.register(&table)
        DashboardRoutes.register(&table)
        TokenRoutes.register(&table)
        AuditRoutes.register(&table)
        RemittanceRoutes.register(&table)
        RuleRoutes.register(&table)
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
        let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
        logger.info("request", metadata: [
            "request_id": .string(requestID), "method": .string(request.method), "route": .string(record.route ?? "(none)"),
            "status": .stringConvertible(response.status), "duration_us": .stringConvertible(micros),
            "organization_id": .string(record.organizationID ?? "-"), "user_id": .string(record.userID ?? "-"),
        ])
        return response
    }
}
