/// The values captured by a route's `{name}` segments.
///
/// Each value is its own path segment percent-decoded exactly once (RFC 3986 §2.1):
/// `%2F` inside a segment becomes `/` inside that value, never a segment break, and
/// `%252F` becomes the literal text `%2F`. `+` stays `+` (it is not form encoding).
public struct RouteParameters: Sendable {
    /// The pattern that matched, e.g. `"/v1/cases/{id}"` — for logs and metrics.
    public let template: String
    private let values: [String: String]

    /// Creates parameters from decoded values keyed by parameter name.
    init(template: String, values: [String: String]) {
        self.template = template
        self.values = values
    }

    /// The decoded value of parameter `name`, or `nil` if the template has no such parameter.
    public subscript(name: String) -> String? {
        values[name]
    }
}
