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
        // One pass over the UTF-8 view (this runs for every request): a piece ends at each '/'.
        let bytes = path.utf8
        guard bytes.first == UInt8(ascii: "/") else { return nil }
        var pieces: [Substring] = []
        var start = bytes.index(after: bytes.startIndex)
        if start == bytes.endIndex { return pieces }
        var index = start
        while true {
            if index == bytes.endIndex || bytes[index] == UInt8(ascii: "/") {
                if index == start { return nil }       // an empty segment
                pieces.append(path[start..<index])
                if index == bytes.endIndex { return pieces }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
    }

    /// Whether the raw path segments match: as many segments, each literal equal (no allocation).
    func matches(_ path: [Substring]) -> Bool {
        guard path.count == segments.count else { return false }
        for (segment, piece) in zip(segments, path) {
            if case .literal(let text) = segment, piece != text { return false }
        }
        return true
    }

    /// The raw (still encoded) values the parameters capture from `path`, by name.
    /// - Precondition: `matches(path)`.
    func captures(_ path: [Substring]) -> [String: Substring] {
        var captured: [String: Substring] = [:]
        for (segment, piece) in zip(segments, path) {
            if case .parameter(let name) = segment { captured[name] = piece }
        }
        return captured
    }

    /// Precedence key: literal segments sort before parameters at the first position
    /// where two patterns differ, so `/cases/new` beats `/cases/{id}`.
    var precedence: [Int] {
        segments.map { if case .literal = $0 { return 0 } else { return 1 } }
    }
}
