import Testing
@testable import HTTPServer

private let asset = StaticAsset(contentType: "text/css; charset=utf-8", body: Array("body { margin: 0 }".utf8), etag: "\"abc123\"")

private func get(_ headers: HTTPHeaders = [:]) -> HTTPRequest {
    HTTPRequest(method: "GET", target: "/page/app.css", headers: headers)
}

@Suite("Static assets")
struct StaticAssetTests {
    @Test func sendsTheBytesWithTypeTagCachePolicyAndExtraHeaders() {
        let response = asset.response(to: get(), headers: [("X-Content-Type-Options", "nosniff")])
        #expect(response.status == 200)
        #expect(response.body == asset.body)
        #expect(response.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(response.headers["ETag"] == "\"abc123\"")
        #expect(response.headers["Cache-Control"] == "no-cache")
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
    }

    @Test(arguments: ["\"abc123\"", "W/\"abc123\"", "\"other\", \"abc123\"", "*", " * "])
    func answers304WhenIfNoneMatchNamesTheTag(_ condition: String) {
        let response = asset.response(to: get(["If-None-Match": condition]), headers: [("X-Extra", "1")])
        #expect(response.status == 304)
        #expect(response.body.isEmpty)
        #expect(response.headers["ETag"] == "\"abc123\"")
        #expect(response.headers["X-Extra"] == "1")
        #expect(response.headers["Content-Type"] == nil)
    }

    @Test(arguments: ["\"other\"", "\"abc12\"", "abc123", "\"abc123", ""])
    func answers200WhenIfNoneMatchNamesAnotherTagOrDoesNotParse(_ condition: String) {
        let response = asset.response(to: get(["If-None-Match": condition]))
        #expect(response.status == 200)
        #expect(response.body == asset.body)
    }
}
