import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Foundation
import Testing

/// Claims fixture imports on each driver: exact, idempotent, all or nothing.
@Suite struct ClaimImportsTests {
    static let sample = """
    {"payers": [{"key": "PY1", "name": "Summit Health", "payer_id": "SH1"}],
     "patients": [{"key": "PT1", "first_name": "Ada", "last_name": "Moss", "member_id": "M1"}],
     "claims": [{"claim_number": "X-1", "payer": "PY1", "patient": "PT1", "service_start": "2026-01-02", "service_end": null,
                 "billed_cents": 20000, "expected_cents": 15000,
                 "submissions": [{"sequence": 1, "frequency_code": "1", "payer_claim_number": "PCN1", "submitted_on": null}],
                 "remittances": [{"source_file": "a.835", "status_code": "1", "paid_cents": 0, "patient_responsibility_cents": 500,
                                  "paid_on": "2026-02-01", "remark_codes": ["N20"],
                                  "adjustments": [{"group": "CO", "carc": "45", "amount_cents": 5000, "level": "line"},
                                                  {"group": "CO", "carc": "16", "amount_cents": 14500, "level": "claim"}]}]}]}
    """

    @Test(arguments: Driver.available) func importIsExactAndIdempotent(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let fixture = try JSONDecoder().decode(ClaimFixture.self, from: Data(Self.sample.utf8))
        let first = try ClaimImports(database: f.store).importFixture(organizationID: f.organizationID, fixture: fixture, actorID: nil)
        #expect(first == ImportSummary(payersAdded: 1, patientsAdded: 1, claimsAdded: 1, claimsUnchanged: 0))
        let again = try ClaimImports(database: f.store).importFixture(organizationID: f.organizationID, fixture: fixture, actorID: nil)
        #expect(again == ImportSummary(payersAdded: 0, patientsAdded: 0, claimsAdded: 0, claimsUnchanged: 1))
        let page = try f.store.claims.list(organizationID: f.organizationID, filter: ClaimFilter(claimNumber: "X-1"), page: PageRequest())
        let claim = try #require(page.items.first?.claim)
        #expect(claim.amounts == ClaimAmounts(billed: Cents(20_000), expected: Cents(15_000), paid: .zero, costShare: Cents(500)))
        #expect(claim.amounts.outstanding == Cents(14_500))
        #expect(claim.denialReasons == [CARC("CO-16")!])
        #expect(page.items.first?.submissions.map(\.payerClaimNumber) == ["PCN1"])
        #expect(try f.store.claims.list(organizationID: f.organizationID, filter: ClaimFilter(denied: true), page: PageRequest()).items.count == 1)
    }

    @Test(arguments: Driver.available) func badEntriesImportNothing(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let broken = Self.sample.replacingOccurrences(of: "\"carc\": \"16\"", with: "\"carc\": \"16!\"")
        let fixture = try JSONDecoder().decode(ClaimFixture.self, from: Data(broken.utf8))
        let payers = try f.store.payers.list(organizationID: f.organizationID, page: PageRequest(limit: 100)).items
        #expect(throws: ImportError.self) { try ClaimImports(database: f.store).importFixture(organizationID: f.organizationID, fixture: fixture, actorID: nil) }
        #expect(try f.store.claims.list(organizationID: f.organizationID, filter: ClaimFilter(), page: PageRequest()).items.isEmpty)
        // The fixture's payers and patients, added before the bad entry was reached, are gone with it.
        #expect(try f.store.payers.list(organizationID: f.organizationID, page: PageRequest(limit: 100)).items == payers)
        #expect(try f.store.patients.list(organizationID: f.organizationID, page: PageRequest(limit: 100)).items.isEmpty)
    }
}
