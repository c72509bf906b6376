import HTTPServer

/// One offending input: a JSON pointer into the body (RFC 6901) or a query parameter name.
public struct FieldError: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        case pointer(String)
        case parameter(String)
        case header(String)
    }
    public var location: Location
    public var detail: String

    public init(pointer: String, _ detail: String) { location = .pointer(pointer); self.detail = detail }
    public init(parameter: String, _ detail: String) { location = .parameter(parameter); self.detail = detail }
    public init(header: String, _ detail: String) { location = .header(header); self.detail = detail }
}

/// An error answer: RFC 9457 problem details with a stable `type` under `/problems/`.
public struct APIError: Error, Sendable {
    public var status: Int
    /// Stable slug, e.g. `validation-failed`; the problem `type` is `/problems/<slug>`.
    public var slug: String
    public var title: String
    public var detail: String
    public var errors: [FieldError]
    /// Extra members for the client, e.g. the case holding a claim.
    public var extra: [(String, JSONValue)]
    public var headers: [(String, String)]

    public init(status: Int, slug: String, title: String, detail: String, errors: [FieldError] = [],
                extra: [(String, JSONValue)] = [], headers: [(String, String)] = []) {
        self.status = status; self.slug = slug; self.title = title; self.detail = detail
        self.errors = errors; self.extra = extra; self.headers = headers
    }

    /// 422 with one or more field errors.
    public static func validation(_ errors: [FieldError]) -> APIError {
        APIError(status: 422, slug: "validation-failed", title: "Validation failed",
                 detail: errors.count == 1 ? errors[0].detail : "\(errors.count) fields are invalid.", errors: errors)
    }

    /// 404 for a resource id absent from the caller's organization (same answer whether it exists elsewhere or not).
    public static func notFound(_ entity: String, _ id: String) -> APIError {
        APIError(status: 404, slug: "not-found", title: "Not found", detail: "No \(entity) with id \(id).")
    }

    /// The problem+json response.
    public var response: HTTPResponse {
        var members: [(String, JSONValue)] = [
            ("type", .string("/problems/\(slug)")), ("title", .string(title)), ("status", .int(status)), ("detail", .string(detail)),
        ]
        if !errors.isEmpty {
            members.append(("errors", .array(errors.map { error in
                switch error.location {
                case .pointer(let p): .object([("pointer", .string(p)), ("detail", .string(error.detail))])
                case .parameter(let p): .object([("parameter", .string(p)), ("detail", .string(error.detail))])
                case .header(let h): .object([("header", .string(h)), ("detail", .string(error.detail))])
                }
            })))
        }
        members += extra
        var headers = HTTPHeaders([("Content-Type", "application/problem+json")])
        for (name, value) in self.headers { headers.add(name, value) }
        return HTTPResponse(status: status, headers: headers, body: JSONValue.object(members).serialized())
    }
}
