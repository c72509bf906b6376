import Foundation
import Testing
@testable import CaseworkAPI

@Suite struct CaseEndpointTests {
    @Test func createReadPatchAndConditionalRequests() throws {
        let api = try APITestHarness()
        let claim = api.claim("E-1")
        let created = api.send("POST", "/v1/cases", json: ["claims": [["claim_id": claim]], "subject": "missing information",
                                                            "carc_codes": ["co-16"], "tags": ["appeal"]])
        #expect(created.status == 201)
        let id = try #require(created.json["id"] as? String)
        #expect(created.json["carc_codes"] as? [String] == ["CO-16"])
        #expect(created.headers["Location"] == "/v1/cases/\(id)")
        let etag = try #require(created.headers["ETag"])

        let unchanged = api.send("GET", "/v1/cases/\(id)", headers: [("If-None-Match", etag)])
        #expect(unchanged.status == 304)
        let stale = api.send("PATCH", "/v1/cases/\(id)", json: ["stage": "in_progress"], headers: [("If-Match", "\"r99\"")])
        #expect(stale.status == 412)
        let moved = api.send("PATCH", "/v1/cases/\(id)", json: ["stage": "in_progress", "follow_up_by": "2026-12-01"], headers: [("If-Match", etag)])
        #expect(moved.status == 200)
        #expect(moved.json["stage"] as? String == "in_progress")
        #expect(moved.headers["ETag"] != etag)
        let refreshed = api.send("GET", "/v1/cases/\(id)", headers: [("If-None-Match", etag)])
        #expect(refreshed.status == 200)
        let cleared = api.send("PATCH", "/v1/cases/\(id)", json: ["follow_up_by": NSNull()])
        #expect(cleared.json["follow_up_by"] is NSNull)
    }

    @Test func ruleViolationsMapToProblems() throws {
        let api = try APITestHarness()
        let claim = api.claim("E-2")
        let first = api.send("POST", "/v1/cases", json: ["claims": [["claim_id": claim]], "subject": "other"])
        let second = api.send("POST", "/v1/cases", json: ["claims": [["claim_id": claim]], "subject": "other"])
        #expect(second.status == 409)
        #expect(second.headers["Content-Type"] == "application/problem+json")
        #expect(second.json["type"] as? String == "/problems/claim-has-active-case")
        #expect(second.json["active_case"]["id"] as? String == first.json["id"] as? String)
        let id = first.json["id"] as! String
        let badResolve = api.send("POST", "/v1/cases/\(id)/resolve", json: ["resolved_carc_codes": ["OA-18"]])
        #expect(badResolve.status == 422)
        #expect(((badResolve.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String) == "/resolved_carc_codes")
        let resolved = api.send("POST", "/v1/cases/\(id)/resolve")
        #expect(resolved.status == 200)
        let again = api.send("POST", "/v1/cases/\(id)/cancel")
        #expect(again.status == 409)
        #expect(again.json["type"] as? String == "/problems/case-not-active")
    }

    @Test func everyRouteButHealthNeedsAToken() throws {
        let api = try APITestHarness()
        #expect(api.send("GET", "/healthz", authorized: false).status == 200)
        for (method, path) in [("GET", "/v1/me"), ("GET", "/v1/cases"), ("POST", "/v1/cases"), ("GET", "/v1/claims/x"),
                               ("PATCH", "/v1/cases/x"), ("DELETE", "/v1/cases/x/claims/y"), ("GET", "/v1/subjects")] {
            let result = api.send(method, path, authorized: false)
            #expect(result.status == 401, "\(method) \(path)")
            #expect(result.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        }
    }

    @Test func listsPageWithCursors() throws {
        let api = try APITestHarness()
        for index in 0..<7 {
            _ = api.send("POST", "/v1/cases", json: ["claims": [["claim_id": api.claim("L-\(index)")]], "subject": "other"])
        }
        var seen: [String] = []
        var cursor: String? = nil
        repeat {
            let page = api.send("GET", "/v1/cases?view=open&limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(page.status == 200)
            seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            cursor = page.json["next_cursor"] as? String
        } while cursor != nil
        #expect(seen.count == 7)
        #expect(Set(seen).count == 7)
    }
}
