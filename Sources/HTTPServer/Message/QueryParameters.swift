/// The decoded query of a request target, as `application/x-www-form-urlencoded`
/// pairs (WHATWG URL §5.1; RFC 3986 §3.4 for the raw query).
///
/// Decoding happens once, when the request is parsed: `+` becomes a space and
/// `%XX` becomes a byte; the result must be valid UTF-8. The parser rejects a
/// request whose query does not decode with 400. Empty pieces (`a=1&&b=2`) are
/// skipped; a piece without `=` has an empty value.
public struct QueryParameters: Sendable {
    /// Every pair in the order it appeared; names may repeat.
    public let pairs: [(name: String, value: String)]

    /// Creates parameters from already-decoded pairs.
    init(pairs: [(name: String, value: String)] = []) {
        self.pairs = pairs
    }

    /// Decodes a raw query (the text after `?`, without it).
    /// - Returns: `nil` when a `%` escape is invalid or the bytes are not UTF-8.
    init?(decoding rawQuery: Substring) {
        var decoded: [(name: String, value: String)] = []
        for piece in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring, value: Substring
            if let equals = piece.firstIndex(of: "=") {
                name = piece[..<equals]
                value = piece[piece.index(after: equals)...]
            } else {
                name = piece
                value = ""
            }
            guard let decodedName = PercentDecoding.decode(name, plusAsSpace: true),
                  let decodedValue = PercentDecoding.decode(value, plusAsSpace: true) else { return nil }
            decoded.append((name: decodedName, value: decodedValue))
        }
        self.pairs = decoded
    }

    /// The first value whose name equals `name` exactly (case-sensitive), or `nil`.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value whose name equals `name` exactly, in order; empty when absent.
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }
}
