/// Dispatches requests to handlers by method and path pattern.
///
/// Matching rules:
/// - the raw request path is split on `/`; a path with an empty segment (`"//"`, a
///   trailing `/` as in `"/v1/cases/"`) matches nothing → 404;
/// - literal segments are compared to the raw (not decoded) segment text;
/// - where several patterns match, the one with a literal at the first differing
///   position wins (`/cases/new` beats `/cases/{id}`), falling back to later candidates
///   when the better one lacks the method;
/// - a `HEAD` request with no `HEAD` route runs the `GET` route (the server then drops
///   the body and keeps its length, RFC 9110 §9.3.2);
/// - path matched but not the method → 405 with `Allow` listing the path's methods,
///   `HEAD` included wherever `GET` is (RFC 9110 §15.5.6);
/// - a `{name}` segment whose percent-escapes are invalid or not UTF-8 → 400.
/// Error responses are RFC 9457 problem+json with types under `/problems/`.
public struct Router: HTTPResponder {
    /// A route handler: gets the request and the decoded route parameters; must not throw.
    public typealias Handler = @Sendable (HTTPRequest, RouteParameters) -> HTTPResponse

    private struct Route {
        let pattern: RoutePattern
        let handler: Handler
    }

    /// All routes sharing one pattern shape, by method.
    private struct Entry {
        let shape: String
        let precedence: [Int]
        var routes: [String: Route]
    }

    /// Entries by their number of path segments (a path is only compared with patterns of its
    /// length), each list in precedence order.
    private var entriesByLength: [[Entry]] = []

    /// Creates an empty router: every request gets 404.
    public init() {}

    /// Registers `handler` for `method` (case-sensitive, e.g. `"GET"`) on `pattern`.
    ///
    /// - Parameter pattern: an absolute path such as `"/v1/cases/{id}/claims/{claim_id}"`;
    ///   `{name}` captures one whole segment.
    /// - Precondition: the pattern is well-formed (see `RoutePattern`) and no route is
    ///   already registered for the same method and pattern shape (parameter names aside).
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        let parsed = RoutePattern(pattern)
        let shape = parsed.shape, length = parsed.segments.count
        while entriesByLength.count <= length { entriesByLength.append([]) }
        if let index = entriesByLength[length].firstIndex(where: { $0.shape == shape }) {
            precondition(entriesByLength[length][index].routes[method] == nil, "Duplicate route: \(method) \(pattern)")
            entriesByLength[length][index].routes[method] = Route(pattern: parsed, handler: handler)
            return
        }
        let entry = Entry(shape: shape, precedence: parsed.precedence,
                          routes: [method: Route(pattern: parsed, handler: handler)])
        let position = entriesByLength[length].firstIndex { entry.precedence.lexicographicallyPrecedes($0.precedence) }
        entriesByLength[length].insert(entry, at: position ?? entriesByLength[length].endIndex)
    }

    /// Routes `request` to the best matching handler, or answers 400/404/405 itself.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        guard let segments = RoutePattern.splitPath(request.path), segments.count < entriesByLength.count else {
            return Self.notFound()
        }
        var allowed = Set<String>()
        for entry in entriesByLength[segments.count] {
            guard let anyRoute = entry.routes.values.first, anyRoute.pattern.matches(segments) else { continue }
            let route = entry.routes[request.method]
                ?? (request.method == "HEAD" ? entry.routes["GET"] : nil)
            guard let route else {
                allowed.formUnion(entry.routes.keys)
                continue
            }
            var values: [String: String] = [:]
            for (name, raw) in route.pattern.captures(segments) {
                guard let decoded = PercentDecoding.decode(raw, plusAsSpace: false) else {
                    return .problem(
                        status: 400, type: "/problems/bad-request", title: "Bad Request",
                        detail: "A path segment has an invalid percent-escape or is not UTF-8.")
                }
                values[name] = decoded
            }
            return route.handler(request, RouteParameters(template: route.pattern.template, values: values))
        }
        if allowed.isEmpty { return Self.notFound() }
        if allowed.contains("GET") { allowed.insert("HEAD") }
        let allow = allowed.sorted().joined(separator: ", ")
        var response = HTTPResponse.problem(
            status: 405, type: "/problems/method-not-allowed", title: "Method Not Allowed",
            detail: "The resource does not support this method; see the Allow header.")
        response.headers.set("Allow", allow)
        return response
    }

    private static func notFound() -> HTTPResponse {
        .problem(status: 404, type: "/problems/not-found", title: "Not Found",
                 detail: "No resource exists at this path.")
    }
}
