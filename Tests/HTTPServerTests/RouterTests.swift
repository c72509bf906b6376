import Testing
@testable import HTTPServer

@Suite("Router")
struct RouterTests {
    /// A handler that answers "<tag> <params as name=value, sorted>".
    static func echo(_ tag: String, _ names: [String] = []) -> Router.Handler {
        { request, params in
            let values = names.map { "\($0)=\(params[$0] ?? "nil")" }.joined(separator: ",")
            return HTTPResponse(status: 200, headers: ["X-Template": params.template], body: Array("\(tag) \(values)".utf8))
        }
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static func get(_ router: Router, _ target: String, method: String = "GET") -> HTTPResponse {
        router.respond(to: HTTPRequest(method: method, target: target, headers: ["Host": "h"]))
    }

    @Test func literalBeatsParameter() {
        var router = Router()
        router.add("GET", "/v1/cases/{id}", Self.echo("param", ["id"]))
        router.add("GET", "/v1/cases/new", Self.echo("literal"))
        #expect(Self.text(Self.get(router, "/v1/cases/new")) == "literal ")
        #expect(Self.text(Self.get(router, "/v1/cases/42")) == "param id=42")
        #expect(Self.get(router, "/v1/cases/42").headers["X-Template"] == "/v1/cases/{id}")
    }

    @Test func laterLiteralDoesNotBeatEarlierLiteral() {
        var router = Router()
        router.add("GET", "/a/{x}/c", Self.echo("param-first", ["x"]))
        router.add("GET", "/a/b/{y}", Self.echo("literal-first", ["y"]))
        #expect(Self.text(Self.get(router, "/a/b/c")) == "literal-first y=c")
        #expect(Self.text(Self.get(router, "/a/z/c")) == "param-first x=z")
    }

    @Test func fallsBackWhenTheBetterMatchLacksTheMethod() {
        var router = Router()
        router.add("POST", "/items/special", Self.echo("post-literal"))
        router.add("GET", "/items/{id}", Self.echo("get-param", ["id"]))
        #expect(Self.text(Self.get(router, "/items/special")) == "get-param id=special")
        #expect(Self.text(Self.get(router, "/items/special", method: "POST")) == "post-literal ")
    }

    @Test func multipleParameters() {
        var router = Router()
        router.add("GET", "/v1/cases/{id}/claims/{claim_id}", Self.echo("claim", ["id", "claim_id"]))
        #expect(Self.text(Self.get(router, "/v1/cases/7/claims/x9?verbose=1")) == "claim id=7,claim_id=x9")
    }

    @Test func parametersAreDecodedOncePerSegment() {
        var router = Router()
        router.add("GET", "/files/{name}/{rest}", Self.echo("file", ["name", "rest"]))
        #expect(Self.text(Self.get(router, "/files/a%2Fb/c")) == "file name=a/b,rest=c")
        #expect(Self.text(Self.get(router, "/files/%252F/x")) == "file name=%2F,rest=x")
        #expect(Self.text(Self.get(router, "/files/a+b%20c/%C3%A9")) == "file name=a+b c,rest=é")
    }

    @Test func invalidEscapeInParameterIs400() {
        var router = Router()
        router.add("GET", "/files/{name}", Self.echo("file", ["name"]))
        let response = Self.get(router, "/files/%zz")
        #expect(response.status == 400)
        #expect(response.headers["Content-Type"] == "application/problem+json")
    }

    @Test func unknownPathsAre404() {
        var router = Router()
        router.add("GET", "/v1/cases", Self.echo("list"))
        router.add("GET", "/", Self.echo("root"))
        #expect(Self.text(Self.get(router, "/")) == "root ")
        for path in ["/v1/other", "/v1/cases/", "/v1//cases", "//", "/v1/cases/x", "/v1"] {
            let response = Self.get(router, path)
            #expect(response.status == 404, "\(path)")
            #expect(response.headers["Content-Type"] == "application/problem+json")
            #expect(Self.text(response).contains("\"type\":\"/problems/not-found\""))
        }
    }

    @Test func wrongMethodIs405WithAllow() {
        var router = Router()
        router.add("GET", "/v1/cases/{id}", Self.echo("get"))
        router.add("DELETE", "/v1/cases/{id}", Self.echo("delete"))
        router.add("POST", "/v1/cases/special", Self.echo("post"))
        let response = Self.get(router, "/v1/cases/special", method: "PUT")
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "DELETE, GET, HEAD, POST")
        #expect(Self.text(response).contains("/problems/method-not-allowed"))
        #expect(Self.get(router, "/v1/cases/1", method: "PATCH").headers["Allow"] == "DELETE, GET, HEAD")
    }

    @Test func headRunsGetUnlessHeadIsRouted() {
        var router = Router()
        router.add("GET", "/a", Self.echo("get"))
        router.add("GET", "/b", Self.echo("get-b"))
        router.add("HEAD", "/b", Self.echo("head-b"))
        #expect(Self.text(Self.get(router, "/a", method: "HEAD")) == "get ")
        #expect(Self.text(Self.get(router, "/b", method: "HEAD")) == "head-b ")
        #expect(Self.get(router, "/a", method: "head").status == 405)   // methods are case-sensitive
    }

    @Test func pathsSplitIntoRawSegmentsAndEmptySegmentsRefuse() {
        #expect(RoutePattern.splitPath("/") == [])
        #expect(RoutePattern.splitPath("/a") == ["a"])
        #expect(RoutePattern.splitPath("/v1/cases/x%2Fy") == ["v1", "cases", "x%2Fy"])
        #expect(RoutePattern.splitPath("/caf\u{E9}/\u{1F600}") == ["caf\u{E9}", "\u{1F600}"])
        for refused in ["", "a", "a/b", "//", "/a/", "/a//b", "//a"] {
            #expect(RoutePattern.splitPath(refused) == nil, "\(refused)")
        }
    }
}
