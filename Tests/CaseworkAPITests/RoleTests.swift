import CaseworkDomain
import CaseworkUseCases
import Foundation
import HTTPServer
import Testing
@testable import CaseworkAPI
@testable import CaseworkStorage

@Suite struct RoleTests {
    func token(_ api: APITestHarness, role: Role, email: String) throws -> String {
        let user = try UserWork(database: api.store).add(organizationID: api.organizationID, name: email, email: email, role: role, actorID: nil)
        return try TokenWork(database: api.store).issue(organizationID: api.organizationID, userID: user.id, actorID: nil).token
    }

    func send(_ api: APITestHarness, _ token: String, _ method: String, _ target: String, json: Any? = nil) -> Int {
        var headers = HTTPHeaders([("Authorization", "Bearer \(token)")])
        var body: [UInt8] = []
        if let json { body = Array(try! JSONSerialization.data(withJSONObject: json)); headers.add("Content-Type", "application/json") }
        return api.app.respond(to: HTTPRequest(method: method, target: target, headers: headers, body: body)).status
    }

    @Test func viewersReadButChangeNothing() throws {
        let api = try APITestHarness()
        let viewer = try token(api, role: .viewer, email: "vi@api.test")
        let claim = api.claim("RV-1")
        #expect(send(api, viewer, "GET", "/v1/cases") == 200)
        #expect(send(api, viewer, "GET", "/v1/claims/\(claim)") == 200)
        #expect(send(api, viewer, "POST", "/v1/cases", json: ["claims": [["claim_id": claim]], "subject": "other"]) == 403)
        #expect(send(api, viewer, "PATCH", "/v1/cases/x", json: ["stage": "new"]) == 403)
        #expect(send(api, viewer, "POST", "/v1/patients", json: ["first_name": "A", "last_name": "B"]) == 403)
        #expect(send(api, viewer, "POST", "/v1/users", json: ["name": "Evil", "email": "evil@api.test", "role": "admin"]) == 403)
        #expect(try api.store.users.find(organizationID: api.organizationID, email: "evil@api.test") == nil)
    }

    @Test func onlyAdminsManagePeopleAndPayers() throws {
        let api = try APITestHarness()
        let admin = try token(api, role: .admin, email: "ad@api.test")
        #expect(send(api, api.token, "POST", "/v1/users", json: ["name": "New", "email": "new@api.test"]) == 403)
        #expect(send(api, api.token, "POST", "/v1/payers", json: ["name": "Payer"]) == 403)
        #expect(send(api, admin, "POST", "/v1/users", json: ["name": "New", "email": "new@api.test"]) == 201)
        #expect(send(api, admin, "POST", "/v1/payers", json: ["name": "Payer"]) == 201)
        #expect(send(api, admin, "POST", "/v1/teams", json: ["name": "Team"]) == 201)
    }
}
