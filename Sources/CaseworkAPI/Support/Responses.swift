import HTTPServer

/// JSON success responses.
enum Responses {
    /// `status` with a JSON body and optional extra headers.
    static func json(_ value: JSONValue, status: Int = 200, headers extra: [(String, String)] = []) -> HTTPResponse {
        var headers = HTTPHeaders([("Content-Type", "application/json")])
        for (name, value) in extra { headers.add(name, value) }
        return HTTPResponse(status: status, headers: headers, body: value.serialized())
    }

    /// A page of items: `{"items": [...], "next_cursor": ...}`.
    static func page(_ items: [JSONValue], nextCursor: String?) -> HTTPResponse {
        json(.object([("items", .array(items)), ("next_cursor", .optional(nextCursor))]))
    }
}
