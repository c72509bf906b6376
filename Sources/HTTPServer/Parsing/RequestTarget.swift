/// Splitting a request-target into path and query (RFC 9112 §3.2).
///
/// Accepted forms:
/// - origin-form `"/path?query"` — the usual form;
/// - asterisk-form `"*"` — only with `OPTIONS` (path becomes `"*"`, which no route matches);
/// - absolute-form `"http://host/path?query"` (or `https`) — accepted as RFC 9112 §3.2.2
///   requires of servers; the authority is ignored and the path (or `"/"` when empty) is used.
/// authority-form (`CONNECT host:port`) and anything else are rejected with 400.
enum RequestTarget {
    /// The path and raw (still encoded) query of a target.
    struct Parts: Equatable {
        /// The raw path, not percent-decoded, e.g. `"/v1/cases/a%20b"`.
        var path: String
        /// The raw query without `?`, or `""` when absent.
        var query: Substring
    }

    /// Splits `target` for a request with `method`.
    /// - Returns: the parts, or `nil` when the target is in no accepted form.
    static func split(_ target: String, method: String) -> Parts? {
        if target.utf8.first == UInt8(ascii: "/") {
            return splitOriginForm(Substring(target))
        }
        if target == "*" {
            return method == "OPTIONS" ? Parts(path: "*", query: "") : nil
        }
        for scheme in ["http://", "https://"] where target.utf8.count > scheme.utf8.count {
            guard target.lowercased().hasPrefix(scheme) else { continue }
            let afterScheme = target.dropFirst(scheme.count)
            let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
            guard authorityEnd > afterScheme.startIndex else { return nil }   // empty authority
            let rest = afterScheme[authorityEnd...]
            if rest.hasPrefix("/") { return splitOriginForm(rest) }
            let query = rest.isEmpty ? Substring("") : rest.dropFirst()      // rest starts with "?"
            return Parts(path: "/", query: query)
        }
        return nil
    }

    private static func splitOriginForm(_ text: Substring) -> Parts {
        // Searched as bytes, not Characters: '?' is ASCII, so its index is a character boundary.
        let bytes = text.utf8
        if let question = bytes.firstIndex(of: UInt8(ascii: "?")) {
            return Parts(path: String(text[..<question]), query: text[bytes.index(after: question)...])
        }
        return Parts(path: String(text), query: "")
    }
}
