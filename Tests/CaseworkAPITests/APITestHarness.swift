import CaseworkDomain
import CaseworkUseCases
import Foundation
import HTTPServer
@testable import CaseworkAPI
@testable import CaseworkStorage

/// The API in-process over a fresh database: requests go straight to the responder, no socket.
final class APITestHarness: Sendable {
    let path: String
    let store: CaseworkStore
    let app: CaseworkApplication
    let organizationID: String
    let token: String
    let payerID: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("casework-api-\(UUID().uuidString).sqlite").path
        store = try CaseworkStore(path: path)
        app = CaseworkApplication(store: store)
        organizationID = try OrganizationWork(database: store).create(name: "API Billing")
        let user = try UserWork(database: store).add(organizationID: organizationID, name: "Ann", email: "ann@api.test", role: .biller, actorID: nil)
        token = try TokenWork(database: store).issue(organizationID: organizationID, userID: user.id, actorID: nil).token
        payerID = try PayerWork(database: store).add(organizationID: organizationID, name: "Summit", payerID: nil, kind: .commercial,
                                       timelyFilingDays: nil, appealDays: nil, actorID: nil).id
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Sends a request; `json` is serialized as the body.
    func send(_ method: String, _ target: String, json: Any? = nil, raw: [UInt8]? = nil, headers: [(String, String)] = [],
              authorized: Bool = true) -> (status: Int, json: Any?, headers: HTTPHeaders) {
        var all = HTTPHeaders(headers)
        if authorized { all.add("Authorization", "Bearer \(token)") }
        var body: [UInt8] = raw ?? []
        if let json {
            body = Array(try! JSONSerialization.data(withJSONObject: json))
            all.add("Content-Type", "application/json")
        }
        let response = app.respond(to: HTTPRequest(method: method, target: target, headers: all, body: body))
        let parsed = response.body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(response.body))
        return (response.status, parsed, response.headers)
    }

    /// Creates a claim through the API and returns its id.
    func claim(_ number: String, expected: Int = 10_000) -> String {
        let result = send("POST", "/v1/claims", json: [
            "claim_number": number, "payer_id": payerID, "billed_cents": expected, "expected_cents": expected,
            "paid_cents": 0, "adjustment_carc_codes": ["CO-16"],
            "submissions": [["frequency_code": "1", "submitted_on": "2026-03-01"]],
        ])
        precondition(result.status == 201, "claim create failed: \(result)")
        return (result.json as! [String: Any])["id"] as! String
    }
}

extension Optional where Wrapped == Any {
    /// The value at `key` of a JSON object.
    subscript(key: String) -> Any? { (self as? [String: Any])?[key] ?? nil }
}
