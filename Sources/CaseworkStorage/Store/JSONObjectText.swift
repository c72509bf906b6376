/// Writes one JSON object member by member from typed values (no casts from `Any`), for the
/// shapes written on every posted payment. Members appear in the order added.
struct JSONObjectText {
    private var out = "{"
    private var empty = true

    /// The object's text, closed.
    var text: String { out + "}" }

    private mutating func member(_ name: String) {
        if !empty { out += "," }
        empty = false
        JSONText.string(name, into: &out)
        out += ":"
    }

    mutating func add(_ name: String, _ value: String?) {
        member(name)
        if let value { JSONText.string(value, into: &out) } else { out += "null" }
    }

    mutating func add(_ name: String, _ value: Int?) {
        member(name)
        out += value.map { String($0) } ?? "null"
    }

    mutating func add(_ name: String, _ value: Bool) {
        member(name)
        out += value ? "true" : "false"
    }

    mutating func add(_ name: String, _ values: [String]) {
        member(name)
        out += "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            JSONText.string(value, into: &out)
        }
        out += "]"
    }

    /// A member holding an array of objects.
    mutating func add(_ name: String, objects: [JSONObjectText]) {
        member(name)
        out += "[" + objects.map(\.text).joined(separator: ",") + "]"
    }
}
