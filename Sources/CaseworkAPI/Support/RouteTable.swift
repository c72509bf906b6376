import CaseworkDomain
import HTTPServer

/// Registers handlers that need an authenticated caller; every failure becomes a problem response.
struct RouteTable {
    typealias Handler = @Sendable (RequestContext) throws -> HTTPResponse
    let store: any CaseworkData
    let caches = RepresentationCaches()
    var router = Router()

    /// Adds a route whose handler runs only for a valid bearer token (else 401) of a user whose
    /// role includes `role` (else 403). By default reads need `viewer` and changes `biller`.
    ///
    /// With `oneSnapshot` (the default for GET) the token lookup and every read of the handler share
    /// one read transaction: one snapshot, one pooled connection, instead of a transaction per read
    /// (three for a case: token, case, code meanings). A route that must see writes committed while
    /// it runs (the audit log, which first writes the queued reads) passes `false`.
    mutating func add(_ method: String, _ pattern: String, role: Role? = nil, oneSnapshot: Bool? = nil, _ handler: @escaping Handler) {
        let store = self.store, caches = self.caches
        let required = role ?? (method == "GET" ? .viewer : .biller)
        let shared = oneSnapshot ?? (method == "GET")
        router.add(method, pattern) { request, parameters in
            RequestRecord.current?.route = pattern
            guard shared else { return Self.answer(request, parameters, store: store, caches: caches, required: required, method: method, handler) }
            do {
                return try store.snapshot { Self.answer(request, parameters, store: store, caches: caches, required: required, method: method, handler) }
            } catch {
                return ErrorMapping.apiError(for: error).response
            }
        }
    }

    /// Authenticates, checks the role, refuses a body in a content coding (`RequestBody.requireIdentityCoding`),
    /// runs `handler` (behind the idempotency gate for a POST with a key); every failure becomes a problem response.
    private static func answer(_ request: HTTPRequest, _ parameters: RouteParameters, store: any CaseworkData, caches: RepresentationCaches,
                               required: Role, method: String, _ handler: Handler) -> HTTPResponse {
        do {
            let caller = try Authentication.caller(for: request, store: store)
            RequestRecord.current?.organizationID = caller.organizationID
            RequestRecord.current?.userID = caller.userID
            guard caller.user.role.includes(required) else {
                throw APIError(status: 403, slug: "forbidden", title: "Forbidden",
                               detail: "This needs the \(required.rawValue) role; you are \(caller.user.role.rawValue).")
            }
            if !request.body.isEmpty { try RequestBody.requireIdentityCoding(request) }
            let ctx = RequestContext(request: request, parameters: parameters, caller: caller, store: store, caches: caches)
            if method == "POST", let key = request.headers["Idempotency-Key"] {
                return try IdempotencyGate.run(ctx, key: key) {
                    do { return try handler(ctx) } catch { return ErrorMapping.apiError(for: error).response }
                }
            }
            return try handler(ctx)
        } catch {
            return ErrorMapping.apiError(for: error).response
        }
    }

    /// Adds `GET pattern` serving a paged list: reads `limit`/`cursor` (400 when bad), fetches the
    /// page and answers `{"items": [...], "next_cursor": ...}`.
    mutating func addList<Item: Sendable>(_ pattern: String, oneSnapshot: Bool = true,
                                          fetch: @escaping @Sendable (RequestContext, PageRequest) throws -> Page<Item>,
                                          as represent: @escaping @Sendable (Item) -> JSONValue) {
        add("GET", pattern, oneSnapshot: oneSnapshot) { ctx in
            var q = QueryReader(ctx.request.query)
            let page = q.page()
            try q.check()
            let result = try fetch(ctx, page)
            return Responses.page(result.items.map(represent), nextCursor: result.nextCursor)
        }
    }

    /// Adds `GET pattern` serving the resource named by the `{id}` parameter, 404 when the
    /// caller's organization has none.
    mutating func addItem<Item>(_ pattern: String, entity: String, fetch: @escaping @Sendable (RequestContext, String) throws -> Item?,
                                as represent: @escaping @Sendable (Item) -> JSONValue) {
        add("GET", pattern) { ctx in
            let id = ctx.parameter("id")
            guard let item = try fetch(ctx, id) else { throw APIError.notFound(entity, id) }
            return Responses.json(represent(item))
        }
    }

    /// Adds a route open to anyone (health checks).
    mutating func addOpen(_ method: String, _ pattern: String, _ handler: @escaping Router.Handler) {
        router.add(method, pattern) { request, parameters in
            RequestRecord.current?.route = pattern
            return handler(request, parameters)
        }
    }
}

/// `Authorization: Bearer <token>` (RFC 6750 §2.1) resolved to a caller.
enum Authentication {
    /// - Throws: 400 when `Authorization` is sent more than once (which one would count is
    ///   ambiguous: RFC 9110 §5.3 allows repeating only list-valued fields); 401 with
    ///   `WWW-Authenticate: Bearer` when the token is missing, malformed, unknown or revoked.
    static func caller(for request: HTTPRequest, store: any CaseworkData) throws -> Caller {
        let challenge = [("WWW-Authenticate", "Bearer realm=\"casework\"")]
        if request.headers.values("Authorization").count > 1 {
            throw APIError(status: 400, slug: "invalid-header", title: "Invalid header", detail: "Send Authorization once.")
        }
        guard let header = request.headers["Authorization"] else {
            throw APIError(status: 401, slug: "unauthorized", title: "Unauthorized",
                           detail: "Send Authorization: Bearer <token>.", headers: challenge)
        }
        guard let token = bearerToken(header), let caller = try store.tokens.authenticate(token: token) else {
            throw APIError(status: 401, slug: "unauthorized", title: "Unauthorized",
                           detail: "The bearer token is not valid.", headers: challenge + [])
        }
        return caller
    }

    /// The token of an `Authorization: Bearer <token>` header value (scheme case-insensitive), or nil;
    /// spaces and tabs around the token are dropped (RFC 9110 §5.6.3 whitespace).
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = parts[1].firstIndex(where: { !blank($0) }),
              let last = parts[1].lastIndex(where: { !blank($0) }) else { return "" }
        return String(parts[1][first...last])
    }
}

import Foundation
import CaseworkUseCases
