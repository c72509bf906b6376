import Foundation
import HTTPServer

/// Decodes JSON request bodies into `Decodable` input types, turning every failure into a
/// problem with a JSON pointer to the field (RFC 6901).
enum RequestBody {
    /// Decodes `T` from the request's body.
    /// - Throws: `APIError` 415 when the body is not declared JSON, 400 for malformed JSON,
    ///   422 for a missing field or a value of the wrong type.
    static func decode<T: Decodable>(_ type: T.Type, from request: HTTPRequest) throws -> T {
        if let contentType = request.headers["Content-Type"] {
            let mediaType = (contentType.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? "")
                .trimmingCharacters(in: .whitespaces).lowercased()
            guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
                throw APIError(status: 415, slug: "unsupported-media-type", title: "Unsupported media type",
                               detail: "Send the body as application/json.")
            }
        }
        guard !request.body.isEmpty else {
            throw APIError(status: 400, slug: "malformed-json", title: "Malformed JSON", detail: "The request body is empty; a JSON object is required.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(request.body))
        } catch let error as DecodingError {
            // Foundation reports a fraction or an out-of-range integer as corrupt data at the root;
            // find the number in the parsed document so the client still gets a pointer.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
               let document = try? JSONSerialization.jsonObject(with: Data(request.body), options: [.fragmentsAllowed]),
               let pointer = firstNonInteger(in: document, at: "") {
                throw APIError.validation([FieldError(pointer: pointer, "Expected a whole number within range (amounts are integer cents).")])
            }
            throw problem(for: error)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(status: 400, slug: "malformed-json", title: "Malformed JSON", detail: "The request body is not valid JSON.")
        }
    }

    /// The pointer of the first number that is not an integer of at most 15 digits (no body takes fractions).
    static func firstNonInteger(in value: Any, at pointer: String) -> String? {
        func escape(_ key: String) -> String { key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let found = firstNonInteger(in: object[key]!, at: pointer + "/" + escape(key)) { return found }
            }
            return nil
        case let array as [Any]:
            for (index, item) in array.enumerated() {
                if let found = firstNonInteger(in: item, at: "\(pointer)/\(index)") { return found }
            }
            return nil
        case let number as NSNumber:
            let double = number.doubleValue
            return double.rounded() == double && abs(double) < 1e15 ? nil : pointer
        default:
            return nil
        }
    }

    static func pointer(_ path: [any CodingKey]) -> String {
        path.map { key in
            "/" + (key.intValue.map(String.init) ?? key.stringValue)
                .replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }.joined()
    }

    static func problem(for error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            return .validation([FieldError(pointer: pointer(context.codingPath + [key]), "This field is required.")])
        case .typeMismatch(let type, let context):
            return .validation([FieldError(pointer: pointer(context.codingPath), "Expected \(describe(type)).")])
        case .valueNotFound(let type, let context):
            return .validation([FieldError(pointer: pointer(context.codingPath), "Expected \(describe(type)), found null.")])
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return APIError(status: 400, slug: "malformed-json", title: "Malformed JSON", detail: "The request body is not valid JSON.")
            }
            return .validation([FieldError(pointer: pointer(context.codingPath), "The value is not valid here: \(context.debugDescription)")])
        @unknown default:
            return APIError(status: 400, slug: "malformed-json", title: "Malformed JSON", detail: "The request body could not be read.")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: type == [String: Any].self ? "an object" : "a value of another type (\(type))"
        }
    }
}
