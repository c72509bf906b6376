/// A parsed route pattern such as `"/v1/cases/{id}/claims/{claim_id}"`.
struct RoutePattern: Sendable {
    /// One `/`-separated piece of a pattern.
    enum Segment: Sendable, Equatable {
        /// Matches exactly this raw (not decoded) segment text.
        case literal(String)
        /// Matches any one non-empty segment and captures it under this name.
        case parameter(String)
    }

    /// The pattern as written.
    let template: String
    let segments: [Segment]

    /// The pattern with parameter names erased, e.g. `"/v1/cases/{}"`: two patterns
    /// with the same shape would match exactly the same paths.
    var shape: String {
        "/" + segments.map { segment -> String in
            switch segment {
            case .literal(let text): return text
            case .parameter: return "{}"
            }
        }.joined(separator: "/")
    }

    /// Parses `template`. Precondition (programmer error): it starts with `/`, has no
    /// empty segment except the root pattern `"/"`, and parameter names are non-empty and unique.
    init(_ template: String) {
        precondition(template.hasPrefix("/"), "Route pattern must start with '/': \(template)")
        self.template = template
        let pieces = RoutePattern.splitPath(template)
        precondition(pieces != nil, "Route pattern has an empty segment: \(template)")
        var names = Set<String>()
        segments = (pieces ?? []).map { piece in
            if piece.hasPrefix("{") && piece.hasSuffix("}") && piece.count >= 2 {
                let name = String(piece.dropFirst().dropLast())
                precondition(!name.isEmpty, "Route parameter needs a name: \(template)")
                precondition(names.insert(name).inserted, "Duplicate route parameter '\(name)': \(template)")
                return .parameter(name)
            }
            precondition(!piece.contains("{") && !piece.contains("}"),
                         "Route segment mixes text and a parameter: \(template)")
            return .literal(String(piece))
        }
    }

    /// Splits an absolute path into its segments: `"/"` → `[]`, `"/a/b"` → `["a", "b"]`.
    /// - Returns: `nil` when the path does not start with `/` or has an empty segment
    ///   (`"//"`, a trailing `/`).
    static func splitPath(_ path: String) -> [Substring]? {
        guard path.hasPrefix("/") else { return nil }
        if path == "/" { return [] }
        let pieces = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        return pieces.contains(where: \.isEmpty) ? nil : pieces
    }

    /// Matches raw path segments.
    /// - Returns: the raw (still encoded) captured values by name, or `nil` when no match.
    func match(_ path: [Substring]) -> [String: Substring]? {
        guard path.count == segments.count else { return nil }
        var captured: [String: Substring] = [:]
        for (segment, piece) in zip(segments, path) {
            switch segment {
            case .literal(let text):
                guard piece == text else { return nil }
            case .parameter(let name):
                captured[name] = piece
            }
        }
        return captured
    }

    /// Precedence key: literal segments sort before parameters at the first position
    /// where two patterns differ, so `/cases/new` beats `/cases/{id}`.
    var precedence: [Int] {
        segments.map { if case .literal = $0 { return 0 } else { return 1 } }
    }
}
