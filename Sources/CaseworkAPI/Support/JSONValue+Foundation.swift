import Foundation

extension JSONValue {
    /// Converts what `JSONSerialization` parsed (dictionaries with keys sorted, arrays, strings,
    /// numbers, booleans, null); numbers that are not integers become strings.
    init(foundation value: Any) {
        switch value {
        case is NSNull: self = .null
        case let string as String: self = .string(string)
        case let number as NSNumber:
            // Booleans arrive as NSNumbers whose Objective-C type code is "c".
            if String(cString: number.objCType) == "c" { self = .bool(number.boolValue) }
            else if let int = Int(exactly: number.doubleValue), number.stringValue == String(int) { self = .int(int) }
            else { self = .string(number.stringValue) }
        case let array as [Any]: self = .array(array.map(JSONValue.init(foundation:)))
        case let object as [String: Any]: self = .object(object.keys.sorted().map { ($0, JSONValue(foundation: object[$0]!)) })
        default: self = .null
        }
    }

    /// Parses JSON text; `.null` when it is not JSON.
    init(parsing text: String) {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            self = .null; return
        }
        self.init(foundation: parsed)
    }
}
