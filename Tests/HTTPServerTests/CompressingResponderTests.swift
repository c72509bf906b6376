import Testing
@testable import HTTPServer

/// Answers every request with a fixed response and remembers the request it saw.
private final class FixedResponder: HTTPResponder, Sendable {
    private let response: HTTPResponse
    private let seen = Locked<HTTPRequest?>(nil)

    init(_ response: HTTPResponse) { self.response = response }

    var lastRequest: HTTPRequest? { seen.withLock { $0 } }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        seen.withLock { $0 = request }
        return response
    }
}

private let json = Array(("[" + (0..<200).map { "{\"id\":\($0),\"state\":\"open\"}" }.joined(separator: ",") + "]").utf8)

private func get(_ headers: HTTPHeaders = ["Accept-Encoding": "gzip"], method: String = "GET") -> HTTPRequest {
    HTTPRequest(method: method, target: "/things", headers: headers)
}

private func compress(_ response: HTTPResponse, _ request: HTTPRequest = get(), minimumBytes: Int = 1024) -> HTTPResponse {
    CompressingResponder(wrapping: FixedResponder(response), minimumBytes: minimumBytes).respond(to: request)
}

/// Runs a streamed response's producer into memory.
private func collect(_ response: HTTPResponse) throws -> [UInt8] {
    var out: [UInt8] = []
    try response.stream?(HTTPBodyWriter { out += $0 })
    return out
}

@Suite("Compressing responder")
struct CompressingResponderTests {
    @Test func compressesALargeJSONBodyForAGzipClient() throws {
        let response = compress(HTTPResponse(status: 200, headers: [
            "Content-Type": "application/json", "Content-Length": "\(json.count)", "ETag": "\"v1\"",
        ], body: json))
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.headers["Vary"] == "Accept-Encoding")
        #expect(response.headers["Content-Length"] == nil)
        #expect(response.headers["ETag"] == "\"v1-gzip\"")
        #expect(response.body.count < json.count)
        #expect(try Gunzip.gunzip(response.body) == json)
    }

    @Test func leavesTheBodyAloneButAddsVaryWhenTheClientRefusesGzip() {
        for accept in [nil, "gzip;q=0", "br", "identity", "*;q=0"] {
            let headers = accept.map { HTTPHeaders([("Accept-Encoding", $0)]) } ?? [:]
            let response = compress(
                HTTPResponse(status: 200, headers: ["Content-Type": "application/json", "ETag": "\"v1\""], body: json),
                get(headers))
            #expect(response.body == json)
            #expect(response.headers["Content-Encoding"] == nil)
            #expect(response.headers["Vary"] == "Accept-Encoding")
            #expect(response.headers["ETag"] == "\"v1\"")
        }
    }

    @Test func wildcardAndMixedCaseAcceptGzip() {
        for accept in ["*", "GZip;Q=0.5", "br, *;q=0.1", "x-gzip"] {
            let response = compress(HTTPResponse(status: 200, headers: ["Content-Type": "text/csv"], body: json),
                                    get(HTTPHeaders([("Accept-Encoding", accept)])))
            #expect(response.headers["Content-Encoding"] == "gzip", "\(accept)")
        }
    }

    @Test func smallBodiesStayUncompressedButVary() {
        let small = Array(json.prefix(500))
        let response = compress(HTTPResponse(status: 200, headers: ["Content-Type": "application/problem+json"], body: small))
        #expect(response.body == small)
        #expect(response.headers["Content-Encoding"] == nil)
        #expect(response.headers["Vary"] == "Accept-Encoding")
        #expect(compress(HTTPResponse(status: 404, headers: ["Content-Type": "application/problem+json"], body: small),
                         minimumBytes: 100).headers["Content-Encoding"] == "gzip")
    }

    @Test func ineligibleResponsesAreUntouched() {
        let cases: [HTTPResponse] = [
            HTTPResponse(status: 200, headers: ["Content-Type": "image/png"], body: json),
            HTTPResponse(status: 200, body: json),                                        // no type
            HTTPResponse(status: 200, headers: ["Content-Type": "text/plain", "Content-Encoding": "br"], body: json),
            HTTPResponse(status: 204, headers: ["Content-Type": "application/json"]),
            HTTPResponse(status: 206, headers: ["Content-Type": "text/plain", "Content-Range": "bytes 0-9/99"], body: json),
        ]
        for original in cases {
            let response = compress(original)
            #expect(response.body == original.body)
            #expect(response.headers["Vary"] == nil)
            #expect(response.headers["Content-Encoding"] == original.headers["Content-Encoding"])
        }
    }

    @Test func compressibleMediaTypes() {
        for type in ["application/json", "application/problem+json", "text/plain; charset=utf-8", "TEXT/CSV",
                     "application/csv", "application/vnd.api+json", "application/x-ndjson"] {
            #expect(CompressingResponder.isCompressible(contentType: type), "\(type)")
        }
        for type in ["image/png", "application/octet-stream", "application/gzip", "json", ""] {
            #expect(!CompressingResponder.isCompressible(contentType: type), "\(type)")
        }
    }

    @Test func existingVaryIsExtendedOnce() {
        let headers: HTTPHeaders = ["Content-Type": "application/json", "Vary": "Authorization"]
        #expect(compress(HTTPResponse(status: 200, headers: headers, body: json)).headers["Vary"]
            == "Authorization, Accept-Encoding")
        let already: HTTPHeaders = ["Content-Type": "application/json", "Vary": "accept-encoding"]
        #expect(compress(HTTPResponse(status: 200, headers: already, body: json)).headers.values("Vary") == ["accept-encoding"])
    }

    @Test func weakETagsKeepTheirWeakness() {
        let response = compress(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain", "ETag": "W/\"7\""], body: json))
        #expect(response.headers["ETag"] == "W/\"7-gzip\"")
        let malformed = compress(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain", "ETag": "bare"], body: json))
        #expect(malformed.headers["ETag"] == nil)        // never reuse an identity validator
    }

    @Test func conditionalRequestsSeeTheIdentityTags() {
        let inner = FixedResponder(HTTPResponse(status: 304, headers: ["ETag": "\"v1\""]))
        let responder = CompressingResponder(wrapping: inner)
        let response = responder.respond(to: get([
            "Accept-Encoding": "gzip", "If-None-Match": "W/\"v0\", \"v1-gzip\", \"a,b-gzip\"", "If-Match": "\"v1-gzip\"",
        ]))
        #expect(inner.lastRequest?.headers["If-None-Match"] == "W/\"v0\", \"v1\", \"a,b\"")
        #expect(inner.lastRequest?.headers["If-Match"] == "\"v1\"")
        #expect(inner.lastRequest?.headers["Accept-Encoding"] == "gzip")
        // The client holds the gzip representation: the 304 names it.
        #expect(response.headers["ETag"] == "\"v1-gzip\"")
        #expect(response.headers["Vary"] == "Accept-Encoding")
    }

    @Test func notModifiedKeepsTheIdentityTagForAClientHoldingIdentity() {
        let notModified = HTTPResponse(status: 304, headers: ["ETag": "\"v1\""])
        #expect(compress(notModified, get(["Accept-Encoding": "gzip", "If-None-Match": "\"v1\""])).headers["ETag"] == "\"v1\"")
        #expect(compress(notModified, get(["If-None-Match": "\"v1\""])).headers["ETag"] == "\"v1\"")
        #expect(compress(notModified, get(["Accept-Encoding": "gzip", "If-None-Match": "*"])).headers["ETag"] == "\"v1-gzip\"")
    }

    @Test func untouchedConditionalsPassThroughVerbatim() {
        let inner = FixedResponder(HTTPResponse(status: 200))
        _ = CompressingResponder(wrapping: inner).respond(to: get(["If-None-Match": "*", "If-Match": "\"x\" , W/\"y\""]))
        #expect(inner.lastRequest?.headers["If-None-Match"] == "*")
        #expect(inner.lastRequest?.headers["If-Match"] == "\"x\" , W/\"y\"")
    }

    @Test func entityTagLists() {
        #expect(EntityTagList.parse("\"a\", W/\"b\",,\"\"")?.map(\.text) == ["\"a\"", "W/\"b\"", "\"\""])
        #expect(EntityTagList.parse("\"a\" junk") == nil)
        #expect(EntityTagList.parse("\"unterminated") == nil)
        #expect(EntityTagList.parse("w/\"lowercase-weak\"") == nil)
        #expect(GzipEntityTag.encoded("\"x\"") == "\"x-gzip\"")
        #expect(GzipEntityTag.encoded("\"x\", \"y\"") == nil)
        #expect(GzipEntityTag.decodedList("\"x-gzip\"") == "\"x\"")
        #expect(GzipEntityTag.decodedList("not a list") == "not a list")
    }

    @Test func headGetsTheSameHeadersAsGet() {
        let original = HTTPResponse(status: 200, headers: ["Content-Type": "application/json", "ETag": "\"v\""], body: json)
        let viaGet = compress(original, get())
        let viaHead = compress(original, get(method: "HEAD"))
        #expect(Array(viaHead.headers).map { "\($0.name): \($0.value)" } == Array(viaGet.headers).map { "\($0.name): \($0.value)" })
        #expect(viaHead.body.count == viaGet.body.count)       // the server sends this length for HEAD
    }

    @Test func streamedBodiesAreCompressedWriteByWrite() throws {
        let pieces = (0..<5000).map { Array("event \($0)\n".utf8) }
        let original = HTTPResponse(status: 200, headers: ["Content-Type": "text/plain", "ETag": "\"s\""]) { writer in
            for piece in pieces { try writer.write(piece) }
        }
        let response = compress(original, minimumBytes: .max)              // streams ignore the minimum
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.headers["ETag"] == "\"s-gzip\"")
        #expect(response.headers["Vary"] == "Accept-Encoding")
        // Each compressed write decodes at once to exactly the piece written.
        let decoder = try Gunzip()
        var index = 0
        try response.stream?(HTTPBodyWriter { compressed in
            let decoded = try decoder.feed(compressed)
            #expect(decoded == (index < pieces.count ? pieces[index] : []))   // the last write: the trailer
            index += 1
        })
        #expect(index == pieces.count + 1)
        #expect(decoder.ended)
        #expect(try Gunzip.gunzip(collect(response)) == Array(pieces.joined()))
    }

    @Test func streamForARefusingClientIsUnchanged() throws {
        let original = HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"]) { try $0.write("plain") }
        let response = compress(original, get(["Accept-Encoding": "identity"]))
        #expect(response.headers["Content-Encoding"] == nil)
        #expect(response.headers["Vary"] == "Accept-Encoding")
        #expect(try collect(response) == Array("plain".utf8))
    }
}
