import Foundation
import HTTPServer

/// Decodes JSON request bodies into `Decodable` input types, turning every failure into a
/// problem with a JSON pointer to the field (RFC 6901).
enum RequestBody {
    /// The body must come as it is: a `Content-Encoding` other than `identity` is 415 with
    /// `Accept-Encoding: identity` (RFC 9110 §8.4.1, §12.5.3; no route decodes a coding, and a
    /// gzip-compressed file must not be read as a malformed one). Checked by `RouteTable` for every
    /// request with a body, whatever its route reads it as.
    static func requireIdentityCoding(_ request: HTTPRequest) throws {
        let codings = request.headers.values("Content-Encoding")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        guard codings.isEmpty else {
            throw APIError(status: 415, slug: "unsupported-media-type", title: "Unsupported media type",
                           detail: "Content-Encoding \(codings.joined(separator: ", ")) is not accepted: send the body as it is.",
                           headers: [("Accept-Encoding", "identity")])
        }
    }

    /// Decodes `T` from the body as far as it goes, with the problems found (none when it matched).
    private static func decodeCollecting<T: Decodable>(_ type: T.Type, from request: HTTPRequest) throws -> (T, [FieldError]) {
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
        let input: JSONInput
        do {
            input = try JSONInput.parse(request.body)
        } catch .syntax(let offset, let message) {
            throw APIError(status: 400, slug: "malformed-json", title: "Malformed JSON",
                           detail: "The request body is not valid JSON (RFC 8259): \(message) at byte \(offset).")
        } catch .duplicateMember(let pointer) {
            throw APIError.validation([FieldError(pointer: pointer, "This member appears more than once in its object.")])
        }
        let (value, problems) = CollectingDecoding.decode(T.self, from: input)
        guard let value else { throw APIError.validation(problems) }
        return (value, problems)
    }

    /// Decodes `T` from the request's body and checks it with `validate`, reporting every problem
    /// at once: wrong types, missing and unknown members, and the value errors `validate` finds
    /// elsewhere (those at or under a member already reported are left out: they judge a stand-in).
    /// - Throws: `APIError` 415 when the body is not declared JSON, 400 when it is not strict JSON,
    ///   422 listing the problems (at most `FieldValidation.maximumErrors`).
    static func decode<T: Decodable, Result>(_ type: T.Type, from request: HTTPRequest,
                                            validate: (T) throws -> Result) throws -> Result {
        let (value, problems) = try decodeCollecting(type, from: request)
        var found = problems
        do {
            let result = try validate(value)
            if problems.isEmpty { return result }
        } catch let error as APIError where error.slug == "validation-failed" {
            found += error.errors.filter { valueError in
                guard case .pointer(let at) = valueError.location else { return true }
                return !problems.contains { problem in
                    guard case .pointer(let reported) = problem.location else { return false }
                    return at == reported || at.hasPrefix(reported + "/")
                }
            }
        } catch where !problems.isEmpty {
            // A stand-in value failed a check beyond validation; the body's own problems say why.
        }
        throw APIError.validation(capped(found))
    }

    /// Decodes `T` from the request's body, every problem at once (see `decode(_:from:validate:)`).
    static func decode<T: Decodable>(_ type: T.Type, from request: HTTPRequest) throws -> T {
        try decode(type, from: request) { $0 }
    }

    /// At most `FieldValidation.maximumErrors`, then a line counting the rest.
    private static func capped(_ errors: [FieldError]) -> [FieldError] {
        let limit = FieldValidation.maximumErrors
        guard errors.count > limit else { return errors }
        return Array(errors.prefix(limit)) + [FieldError(pointer: "", "\(errors.count - limit) more errors are not listed.")]
    }
}
