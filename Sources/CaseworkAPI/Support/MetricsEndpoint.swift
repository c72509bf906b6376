import HTTPServer

/// `GET /metrics`: the process's metrics in the Prometheus text format, for operators.
///
/// Who may read it: whoever holds the metrics token (`Authorization: Bearer <token>`), which
/// `casework serve` takes from `CASEWORK_METRICS_TOKEN`; it is no user's token and opens nothing
/// else. Without a token configured the route does not exist (404). The figures name no
/// organization, user or patient: route templates, statuses and counts only.
public struct MetricsEndpoint: Sendable {
    /// The bearer token scrapers send.
    public var token: String
    /// The exposition text (Prometheus text format 0.0.4) at the time of the call.
    public var render: @Sendable () -> [UInt8]

    public init(token: String, render: @escaping @Sendable () -> [UInt8]) {
        self.token = token
        self.render = render
    }

    /// 200 with the text, or 401 without the right token.
    func respond(to request: HTTPRequest) -> HTTPResponse {
        let given = request.headers["Authorization"].flatMap(Authentication.bearerToken)
        guard let given, Self.equalInConstantTime(Array(given.utf8), Array(token.utf8)) else {
            return APIError(status: 401, slug: "unauthorized", title: "Unauthorized",
                            detail: "Send Authorization: Bearer <the metrics token>.",
                            headers: [("WWW-Authenticate", "Bearer realm=\"casework-metrics\"")]).response
        }
        return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain; version=0.0.4; charset=utf-8"),
                                                               ("Cache-Control", "no-store")]), body: render())
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the token.
    static func equalInConstantTime(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
