import CaseworkDomain
import CaseworkUseCases
import Foundation
import HTTPServer
import Testing
@testable import CaseworkAPI

@Suite struct TokenEndpointTests {
    func call(_ api: APITestHarness, _ token: String, _ method: String, _ target: String) -> (status: Int, json: Any?) {
        let response = api.app.respond(to: HTTPRequest(method: method, target: target, headers: HTTPHeaders([("Authorization", "Bearer \(token)")])))
        return (response.status, response.body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(response.body)))
    }

    @Test func tokensAreShownOnceUsedAndRevokedAtOnce() throws {
        let api = try APITestHarness()
        let created = call(api, api.token, "POST", "/v1/tokens")
        #expect(created.status == 201)
        let secret = try #require(created.json["token"] as? String)
        let id = try #require(created.json["id"] as? String)
        #expect(secret.hasPrefix("cw_") && secret.count == 67)
        #expect(call(api, secret, "GET", "/v1/me").status == 200)
        let listed = call(api, secret, "GET", "/v1/tokens").json["items"] as? [[String: Any]] ?? []
        #expect(listed.count == 2)
        #expect(listed.allSatisfy { $0["token"] == nil })
        #expect(listed.first { $0["id"] as? String == id }?["last_used_at"] is String)
        #expect(call(api, api.token, "DELETE", "/v1/tokens/\(id)").status == 200)
        #expect(call(api, secret, "GET", "/v1/me").status == 401)
        #expect(call(api, api.token, "GET", "/v1/me").status == 200)
    }

    @Test func nobodyRevokesAnotherUsersToken() throws {
        let api = try APITestHarness()
        let other = try UserWork(database: api.store).add(organizationID: api.organizationID, name: "Other", email: "o@api.test", role: .viewer, actorID: nil)
        let theirs = try TokenWork(database: api.store).issue(organizationID: api.organizationID, userID: other.id, actorID: nil)
        #expect(call(api, api.token, "DELETE", "/v1/tokens/\(theirs.record.id)").status == 404)
        #expect(call(api, theirs.token, "GET", "/v1/me").status == 200)
        #expect(call(api, theirs.token, "POST", "/v1/tokens").status == 201)
    }
}
