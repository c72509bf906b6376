import Foundation
import CaseworkDomain

/// Writes the JSON-compatible values the audit log and timeline facts hold (strings, integers,
/// booleans, doubles, `NSNull`, arrays, string-keyed dictionaries with sorted keys) as RFC 8259
/// text. Foundation's `JSONSerialization` spent a third of a remittance posting's time here.
enum JSONText {
    static func encode(_ value: Any) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

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

    static func write(_ value: Any, into out: inout String) {
        // Most likely shapes first: every cast from `Any` costs a runtime type check.
        if let text = value as? String { return string(text, into: &out) }
        if let number = value as? Int { out += String(number); return }
        if value is NSNull { out += "null"; return }
        if let object = value as? [String: Any] {
            out += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                string(key, into: &out)
                out += ":"
                write(object[key] ?? NSNull(), into: &out)
            }
            out += "}"
            return
        }
        if let strings = value as? [String] {
            out += "["
            for (index, item) in strings.enumerated() {
                if index > 0 { out += "," }
                string(item, into: &out)
            }
            out += "]"
            return
        }
        switch value {
        case let flag as Bool: out += flag ? "true" : "false"
        case let number as Int64: out += String(number)
        case let number as Double: out += number.isFinite ? String(number) : "null"
        case let array as [Any]:
            out += "["
            for (index, item) in array.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        default:
            out += "null"
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
