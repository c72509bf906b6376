import Foundation
import HTTPServer
import Testing
@testable import CaseworkAPI

@Suite struct ActivityEndpointTests {
    func openCase(_ api: APITestHarness, _ number: String) -> String {
        api.send("POST", "/v1/cases", json: ["claims": [["claim_id": api.claim(number)]], "subject": "other"]).json["id"] as! String
    }

    func pointers(_ result: (status: Int, json: Any?, headers: HTTPHeaders)) -> [String] {
        (result.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
    }

    @Test func eachKindTakesOnlyItsFields() throws {
        let api = try APITestHarness()
        let id = openCase(api, "AC-1")
        let cases: [([String: Any], Int, String?)] = [
            (["kind": "note", "subject": "Spoke to payer"], 201, nil),
            (["kind": "note", "subject": "x", "due_on": "2026-12-01"], 422, "/due_on"),
            (["kind": "email", "subject": "Reply", "direction": "inbound"], 201, nil),
            (["kind": "email", "subject": "x", "direction": "inbound", "state": "draft"], 422, "/state"),
            (["kind": "phone_call", "subject": "IVR"], 422, "/direction"),
            (["kind": "phone_call", "subject": "IVR", "direction": "sideways"], 422, "/direction"),
            (["kind": "task", "subject": "Call", "due_on": "2026-13-01"], 422, "/due_on"),
            (["kind": "task", "subject": "Call", "assignee_id": "usr_nobody"], 422, "/assignee_id"),
            (["kind": "appointment", "subject": "Review", "starts_at": "2026-12-01T10:00:00Z"], 422, "/ends_at"),
            (["kind": "appointment", "subject": "Review", "starts_at": "2026-12-01T10:00:00Z", "ends_at": "2026-12-01T09:00:00Z"], 422, "/ends_at"),
            (["kind": "system", "subject": "fake"], 422, "/kind"),
            (["kind": "fax", "subject": "x"], 422, "/kind"),
            (["kind": "note", "subject": "   "], 422, "/subject"),
        ]
        for (body, status, pointer) in cases {
            let result = api.send("POST", "/v1/cases/\(id)/activities", json: body)
            #expect(result.status == status, "\(body)")
            if let pointer { #expect(pointers(result).contains(pointer), "\(body) → \(String(describing: result.json))") }
        }
        #expect(api.send("POST", "/v1/cases/case_nope/activities", json: ["kind": "note", "subject": "x"]).status == 404)
    }

    @Test func stateMachinesAreEnforcedOverHTTP() throws {
        let api = try APITestHarness()
        let id = openCase(api, "AC-2")
        let task = api.send("POST", "/v1/cases/\(id)/activities", json: ["kind": "task", "subject": "Call payer"])
        let taskID = try #require(task.json["id"] as? String)
        #expect(api.send("GET", "/v1/cases/\(id)").json["open_tasks"] as? [String] == ["Call payer"])
        #expect(api.send("PATCH", "/v1/activities/\(taskID)", json: ["state": "completed"]).status == 200)
        let back = api.send("PATCH", "/v1/activities/\(taskID)", json: ["state": "open"])
        #expect(back.status == 409)
        #expect(back.json["type"] as? String == "/problems/illegal-state-change")
        #expect(api.send("PATCH", "/v1/activities/\(taskID)", json: ["state": "sent"]).status == 422)
        #expect(api.send("PATCH", "/v1/activities/\(taskID)", json: ["colour": "red"]).status == 422)
        #expect(api.send("GET", "/v1/cases/\(id)").json["open_tasks"] as? [String] == [])
        let timeline = api.send("GET", "/v1/cases/\(id)/activities")
        let system = (timeline.json["items"] as? [[String: Any]] ?? []).first { $0["kind"] as? String == "system" }
        let systemID = try #require(system?["id"] as? String)
        #expect(api.send("PATCH", "/v1/activities/\(systemID)", json: ["subject": "rewritten"]).status == 409)
    }

    @Test func dashboardsValidateTheirQueries() throws {
        let api = try APITestHarness()
        for target in ["/v1/dashboards/case-insights?drill_down=payer", "/v1/dashboards/case-insights?carc_code=XX-1",
                       "/v1/dashboards/case-insights?created_after=yesterday", "/v1/dashboards/case-insights?owner=someone",
                       "/v1/dashboards/tier1?period=this_decade", "/v1/dashboards/tier1?from=2026-02-01&to=2026-01-01",
                       "/v1/dashboards/tier1?period=this_year&from=2026-01-01", "/v1/dashboards/tier1?list_limit=0"] {
            let result = api.send("GET", target)
            #expect(result.status == 400, "\(target)")
            #expect(result.headers["Content-Type"] == "application/problem+json")
        }
        let empty = api.send("GET", "/v1/dashboards/case-insights")
        #expect(empty.status == 200)
        #expect((empty.json["status_counts"] as? [[String: Any]])?.first?["resolved"] as? Int == 0)
    }
}

