/// The content codings a request accepts, from its `Accept-Encoding` fields
/// (RFC 9110 §12.5.3), with their weights (§12.4.2).
///
/// Parsing: every `Accept-Encoding` field line is split on commas; each element is a
/// coding token, optionally followed by `;q=` and a qvalue (`0`, `0.5`, `1.000`, …, at
/// most three decimals, `q` in either case; OWS allowed around `;`). Coding names are
/// compared case-insensitively; `x-gzip` counts as `gzip` (RFC 9110 §8.4.1.3).
/// Elements that do not parse (bad token, bad qvalue) are ignored, as if not listed;
/// when a coding is listed twice, its first listing counts. Other parameters are ignored.
///
/// Meaning (`quality(of:)`): a coding's own listing gives its weight; otherwise `*`
/// gives it; otherwise it is not acceptable (0) — except `identity`, which is
/// acceptable unless refused by `identity;q=0`, or by `*;q=0` without an `identity`
/// listing. A request with no `Accept-Encoding` field is treated as accepting only
/// `identity`: RFC 9110 allows any coding then, but notes that the client may not be
/// able to decode it, so servers conventionally send it unencoded.
public struct AcceptEncoding: Sendable, Equatable {
    /// One listed coding with its weight.
    public struct Entry: Sendable, Equatable {
        /// The coding, lowercased (`gzip` for `x-gzip`), or `*`.
        public let coding: String
        /// The weight, 0.0...1.0 (1 when no `q` parameter); 0 means "not acceptable".
        public let quality: Double
    }

    /// The valid elements in the order received, duplicates included.
    public let entries: [Entry]
    /// Whether the request had at least one `Accept-Encoding` field (even an empty one).
    public let isPresent: Bool

    /// Parses the `Accept-Encoding` fields of `headers` (all field lines, in order).
    public init(_ headers: HTTPHeaders) {
        let values = headers.values("Accept-Encoding")
        isPresent = !values.isEmpty
        entries = values.flatMap { value in
            value.split(separator: ",").compactMap { Self.parseElement($0) }
        }
    }

    /// The weight of `coding` (case-insensitive) by the rules above: 0.0...1.0.
    public func quality(of coding: String) -> Double {
        var name = coding.lowercased()
        if name == "x-gzip" { name = "gzip" }
        if let listed = entries.first(where: { $0.coding == name }) { return listed.quality }
        if name == "identity" {
            // Only an explicit refusal of everything else refuses identity too.
            guard let star = entries.first(where: { $0.coding == "*" }) else { return 1 }
            return star.quality > 0 ? star.quality : 0
        }
        guard isPresent, let star = entries.first(where: { $0.coding == "*" }) else { return 0 }
        return star.quality
    }

    /// Whether `coding` is acceptable: `quality(of: coding) > 0`.
    public func accepts(_ coding: String) -> Bool {
        quality(of: coding) > 0
    }

    /// One list element: `coding *( OWS ";" OWS name "=" value )`, or `nil` if malformed.
    private static func parseElement(_ element: Substring) -> Entry? {
        let parts = element.split(separator: ";", omittingEmptySubsequences: false)
        var coding = parts[0].trimmingOWS().lowercased()
        guard !coding.isEmpty, coding.utf8.allSatisfy(ByteClass.isTokenChar) else { return nil }
        if coding == "x-gzip" { coding = "gzip" }
        var quality = 1.0
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { return nil }
            guard pair[0].trimmingOWS().lowercased() == "q" else { continue }
            guard let weight = parseQValue(pair[1].trimmingOWS()) else { return nil }
            quality = weight
        }
        return Entry(coding: coding, quality: quality)
    }

    /// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )` (RFC 9110 §12.4.2).
    static func parseQValue(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        var thousandths = first == UInt8(ascii: "1") ? 1000 : 0
        guard bytes.count > 1 else { return Double(thousandths) / 1000 }
        guard bytes[1] == UInt8(ascii: "."), bytes.count <= 5 else { return nil }
        var scale = 100
        for digit in bytes[2...] {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            thousandths += Int(digit - 0x30) * scale
            scale /= 10
        }
        return thousandths <= 1000 ? Double(thousandths) / 1000 : nil
    }
}
