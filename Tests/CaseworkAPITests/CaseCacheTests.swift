import CaseworkDomain
import CaseworkUseCases
import Foundation
import Testing
@testable import CaseworkAPI
@testable import CaseworkStorage

/// GET /v1/cases/{id} answers from the case cache while the organization's data version holds, and
/// never shows a stale case once anything it shows has changed.
@Suite struct CaseCacheTests {
    /// A case on a claim of a patient; returns the case id and the patient id.
    private func caseWithPatient(_ api: APITestHarness) throws -> (caseID: String, patientID: String) {
        let patient = try PatientWork(database: api.store).add(organizationID: api.organizationID, firstName: "Ida", lastName: "Quinn",
                                                               birthDate: nil, memberID: nil, actorID: nil)
        let claim = api.send("POST", "/v1/claims", json: [
            "claim_number": "K-1", "payer_id": api.payerID, "patient_id": patient.id, "billed_cents": 5_000, "expected_cents": 5_000,
            "paid_cents": 0, "adjustment_carc_codes": ["CO-16"], "submissions": [["frequency_code": "1", "submitted_on": "2026-03-01"]],
        ])
        #expect(claim.status == 201)
        let claimID = try #require(claim.json["id"] as? String)
        let created = api.send("POST", "/v1/cases", json: ["claims": [["claim_id": claimID]], "subject": "other", "carc_codes": ["CO-16"]])
        #expect(created.status == 201)
        return (try #require(created.json["id"] as? String), patient.id)
    }

    /// The organization's data version, set behind the triggers' back.
    private func setDataVersion(_ api: APITestHarness, _ version: Int) throws {
        try api.store.database.write { db in
            _ = try db.execute("UPDATE organizations SET data_version = ? WHERE id = ?", [SQLValue(version), .text(api.organizationID)])
        }
    }

    @Test func anUnchangedVersionServesTheCachedBodyAndAnyChangeRecomputesIt() throws {
        let api = try APITestHarness()
        let (id, _) = try caseWithPatient(api)
        let first = api.send("GET", "/v1/cases/\(id)")
        #expect(first.json["subject"] as? String == "other")
        // A change the version does not show (put back after the trigger moved it) is not seen: the body is the cached one.
        let version = try api.store.organizations.dataVersion(organizationID: api.organizationID)
        try api.store.database.write { db in _ = try db.execute("UPDATE cases SET description = 'sneaked' WHERE id = ?", [.text(id)]) }
        try setDataVersion(api, version)
        #expect(api.send("GET", "/v1/cases/\(id)").json["description"] as? String != "sneaked")
        // Once the version moves, the case is read again.
        try setDataVersion(api, version + 1)
        #expect(api.send("GET", "/v1/cases/\(id)").json["description"] as? String == "sneaked")
    }

    @Test func whatACaseShowsFromElsewhereIsNeverStale() throws {
        let api = try APITestHarness()
        let (id, _) = try caseWithPatient(api)
        let before = api.send("GET", "/v1/cases/\(id)")
        #expect(before.json["payer"]["name"] as? String == "Summit")
        // The payer's name, a task on the timeline, and the CARC list's meanings all come from other tables.
        _ = try PayerWork(database: api.store).update(organizationID: api.organizationID, id: api.payerID, actorID: "test") { payer in
            var renamed = payer
            renamed.name = "Summit Health"
            return renamed
        }
        #expect(api.send("GET", "/v1/cases/\(id)").json["payer"]["name"] as? String == "Summit Health")
        let task = api.send("POST", "/v1/cases/\(id)/activities", json: ["kind": "task", "subject": "Call the payer", "due_on": "2026-12-20"])
        #expect(task.status == 201)
        #expect(api.send("GET", "/v1/cases/\(id)").json["open_tasks"] as? [String] == ["Call the payer"])
        _ = try api.store.codes.replace(CodeList(kind: .carc, source: "Test", date: "2026-12-01",
                                                 entries: [CodeEntry(code: "16", description: "Claim lacks information (test list).")]))
        let described = api.send("GET", "/v1/cases/\(id)").json["carcs"] as? [[String: Any]]
        #expect(described?.first?["description"] as? String == "Claim lacks information (test list).")
    }

    /// A claim correction changes the case's totals but not its revision: the ETag must still move
    /// (RFC 9110 §8.8.3), so a poll gets the new body and an If-Match from before is refused.
    @Test func theETagMovesWithTheBodyEvenWhenTheRevisionDoesNot() throws {
        let api = try APITestHarness()
        let (id, _) = try caseWithPatient(api)
        let before = api.send("GET", "/v1/cases/\(id)")
        let etag = try #require(before.headers["ETag"])
        #expect(etag.wholeMatch(of: /"r1-[0-9a-f]{16}"/) != nil, "\(etag)")
        #expect(before.json["totals"]["total_outstanding_cents"] as? Int == 5_000)
        let claimID = try #require((before.json["claims"] as? [[String: Any]])?.first?["claim_id"] as? String)
        #expect(api.send("PATCH", "/v1/claims/\(claimID)", json: ["write_off_cents": 1_000]).status == 200)

        let after = api.send("GET", "/v1/cases/\(id)", headers: [("If-None-Match", etag)])
        #expect(after.status == 200)
        #expect(after.json["revision"] as? Int == 1)
        #expect(after.json["totals"]["total_outstanding_cents"] as? Int == 4_000)
        let current = try #require(after.headers["ETag"])
        #expect(current != etag && current.hasPrefix("\"r1-"))
        #expect(api.send("GET", "/v1/cases/\(id)", headers: [("If-None-Match", current)]).status == 304)

        // The tag from before the correction names a body that no longer is: 412 with the current tag.
        let stale = api.send("PATCH", "/v1/cases/\(id)", json: ["priority": "high"], headers: [("If-Match", etag)])
        #expect(stale.status == 412)
        #expect(stale.headers["ETag"] == current)
        #expect(api.send("GET", "/v1/cases/\(id)").json["priority"] as? String != "high")
        // A weak form of the current tag never matches (strong comparison); the current tag listed among others does,
        // in one field line or in several (RFC 9110 §5.3), for If-None-Match too.
        #expect(api.send("PATCH", "/v1/cases/\(id)", json: ["priority": "high"], headers: [("If-Match", "W/" + current)]).status == 412)
        #expect(api.send("GET", "/v1/cases/\(id)", headers: [("If-None-Match", etag), ("If-None-Match", "\"x\", \(current)")]).status == 304)
        let moved = api.send("PATCH", "/v1/cases/\(id)", json: ["priority": "high"],
                             headers: [("If-Match", "\"x\", \(etag)"), ("If-Match", current)])
        #expect(moved.status == 200)
        #expect(moved.json["revision"] as? Int == 2)
        // The ETag a change answers with is the one the next GET gives.
        let written = try #require(moved.headers["ETag"])
        #expect(api.send("GET", "/v1/cases/\(id)", headers: [("If-None-Match", written)]).status == 304)
    }

    @Test func everyReadIsAuditedAndOtherOrganizationsSeeNothing() throws {
        let api = try APITestHarness()
        let (id, patientID) = try caseWithPatient(api)
        for _ in 0..<3 { #expect(api.send("GET", "/v1/cases/\(id)").status == 200) }
        let etag = try #require(api.send("GET", "/v1/cases/\(id)").headers["ETag"])
        #expect(api.send("GET", "/v1/cases/\(id)", headers: [("If-None-Match", etag)]).status == 304)
        let reads = try api.store.audit.events(organizationID: api.organizationID,
                                               filter: AuditFilter(entityType: "patient", entityID: patientID), page: PageRequest(limit: 50))
        #expect(reads.items.filter { $0.action == "read" }.count == 4, "four 200s, one 304")

        let other = try OrganizationWork(database: api.store).create(name: "Other Billing")
        let stranger = try UserWork(database: api.store).add(organizationID: other, name: "Oz", email: "oz@other.test", role: .biller, actorID: nil)
        let token = try TokenWork(database: api.store).issue(organizationID: other, userID: stranger.id, actorID: nil).token
        let foreign = api.send("GET", "/v1/cases/\(id)", headers: [("Authorization", "Bearer \(token)")], authorized: false)
        #expect(foreign.status == 404)
    }
}
