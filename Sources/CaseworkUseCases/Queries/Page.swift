import Foundation

/// One page of a list, with the cursor of the next page (nil on the last page).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) { self.items = items; self.nextCursor = nextCursor }
}

/// Opaque keyset cursors: the sort key values of the last row seen, base64url-encoded.
public enum Cursor {
    /// Encodes key `parts` (none may contain U+001F).
    public static func encode(_ parts: [String]) -> String {
        Data(parts.joined(separator: "\u{1F}").utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a cursor into exactly `count` parts; nil when it is not one of ours.
    public static func decode(_ text: String, count: Int) -> [String]? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        guard let data = Data(base64Encoded: base), let string = String(data: data, encoding: .utf8) else { return nil }
        let parts = string.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        return parts.count == count ? parts : nil
    }
}

/// A page request: at most `limit` rows after `cursor`.
public struct PageRequest: Sendable {
    /// The largest page any list serves.
    public static let maximumLimit = 200
    public var limit: Int
    public var cursor: String?

    /// Clamps `limit` to 1...`maximumLimit`.
    public init(limit: Int = 50, cursor: String? = nil) {
        self.limit = min(max(limit, 1), PageRequest.maximumLimit); self.cursor = cursor
    }
}

/// A cursor that this server did not issue, or issued for another sort.
public enum PageError: Error, Sendable, Equatable {
    case invalidCursor
}
