/// An ordered list of header fields (RFC 9110 §5).
///
/// Stores `(name, value)` pairs in the order added, keeping each name's original
/// case. Lookups compare names ASCII case-insensitively (RFC 9110 §5.1).
/// Repeated fields stay separate pairs; `values(_:)` returns them in order.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header field: name as sent, value with surrounding whitespace removed.
    public typealias Element = (name: String, value: String)

    private var fields: [Element]

    /// Creates headers from `(name, value)` pairs, kept in the given order.
    public init(_ pairs: [(String, String)] = []) {
        fields = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// Creates headers from a dictionary literal, e.g. `["Content-Type": "application/json"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value for `name` (case-insensitive), or `nil` when absent.
    public subscript(name: String) -> String? {
        fields.first { asciiCaseInsensitiveEquals($0.name, name) }?.value
    }

    /// Every value for `name` (case-insensitive), in order; empty when absent.
    public func values(_ name: String) -> [String] {
        fields.filter { asciiCaseInsensitiveEquals($0.name, name) }.map(\.value)
    }

    /// Appends a field, keeping any existing fields with the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces every field named `name` with a single field holding `value`.
    /// The new field takes the position of the first removed one (or the end).
    public mutating func set(_ name: String, _ value: String) {
        if let first = fields.firstIndex(where: { asciiCaseInsensitiveEquals($0.name, name) }) {
            fields[first] = (name: name, value: value)
            var index = fields.index(after: first)
            while index < fields.endIndex {
                if asciiCaseInsensitiveEquals(fields[index].name, name) {
                    fields.remove(at: index)
                } else {
                    index += 1
                }
            }
        } else {
            fields.append((name: name, value: value))
        }
    }

    /// Removes every field named `name` (case-insensitive).
    public mutating func remove(_ name: String) {
        fields.removeAll { asciiCaseInsensitiveEquals($0.name, name) }
    }

    /// Whether at least one field named `name` (case-insensitive) is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { asciiCaseInsensitiveEquals($0.name, name) }
    }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[Element]> {
        fields.makeIterator()
    }

    /// Number of fields (repeated names count once per field).
    var count: Int { fields.count }

    /// The comma-separated list elements of every `name` field, trimmed and
    /// lowercased, empty elements dropped (RFC 9110 §5.6.1 list syntax).
    func lowercasedTokens(_ name: String) -> [String] {
        values(name).flatMap { value in
            value.split(separator: ",").compactMap { element -> String? in
                let trimmed = element.trimmingOWS()
                return trimmed.isEmpty ? nil : trimmed.lowercased()
            }
        }
    }
}

/// Compares two strings byte-wise, folding ASCII letters only (header names are ASCII tokens).
func asciiCaseInsensitiveEquals(_ lhs: String, _ rhs: String) -> Bool {
    let a = lhs.utf8, b = rhs.utf8
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) where x != y {
        if asciiLower(x) != asciiLower(y) { return false }
    }
    return true
}

@inline(__always)
func asciiLower(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
}

extension StringProtocol {
    /// The string without leading/trailing SP and HTAB (RFC 9110 §5.6.3 OWS).
    func trimmingOWS() -> String {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isOWS($0) }),
              let end = lastIndex(where: { !isOWS($0) }) else { return "" }
        return String(self[start...end])
    }
}
