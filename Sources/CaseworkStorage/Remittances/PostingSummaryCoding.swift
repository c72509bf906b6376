import Foundation

/// The stored form of a `PostingSummary`: JSON with snake_case keys.
enum PostingSummaryCoding {
    static func encode(_ summary: PostingSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> PostingSummary {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PostingSummary.self, from: Data(text.utf8))
    }
}
