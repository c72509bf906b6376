import CaseworkDomain
import CaseworkUseCases

/// Writes the values the audit log and timeline facts hold (`AuditValue`, `SystemFact`) as RFC 8259
/// text, objects with their keys sorted. Foundation's `JSONSerialization` spent a third of a
/// remittance posting's time here.
enum JSONText {
    /// Timeline facts: a flat object of strings, integers and lists of strings, written without dynamic casts.
    static func encode(_ facts: [String: SystemFact]) -> String {
        var out = "{"
        for (index, key) in facts.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            string(key, into: &out)
            out += ":"
            switch facts[key]! {
            case .text(let text): string(text, into: &out)
            case .number(let number): out += String(number)
            case .list(let items):
                out += "["
                for (position, item) in items.enumerated() {
                    if position > 0 { out += "," }
                    string(item, into: &out)
                }
                out += "]"
            }
        }
        return out + "}"
    }

    /// Appends `value` as JSON text, objects with their keys sorted.
    static func write(_ value: AuditValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .text(let text): string(text, into: &out)
        case .integer(let number): out += String(number)
        case .flag(let flag): out += flag ? "true" : "false"
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                string(key, into: &out)
                out += ":"
                write(members[key] ?? .null, into: &out)
            }
            out += "}"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    static func string(_ text: String, into out: inout String) {
        out += "\""
        // Most texts (ids, codes, amounts, names) need no escape: one append, no per-scalar work.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
