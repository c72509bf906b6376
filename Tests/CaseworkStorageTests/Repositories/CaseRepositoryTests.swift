import CaseworkDomain
import CaseworkUseCases
import Dispatch
import Foundation
import Testing
@testable import CaseworkStorage

@Suite struct CaseRepositoryTests {
    @Test func createDerivesPayerPatientTotalsAndNumber() throws {
        let f = try StoreFixture()
        let patient = try PatientWork(database: f.store).add(organizationID: f.organizationID, firstName: "Ada", lastName: "Moss", birthDate: nil, memberID: "M1", actorID: nil)
        let a = try f.claim("A-1", expected: 10_000, costShare: 1_500, patientID: patient.id)
        let b = try f.claim("A-2", expected: 4_000, patientID: patient.id)
        let record = try f.open([a, b])
        #expect(record.case.number.description == "CASE-000001")
        #expect(record.case.payerID == f.payer.id)
        #expect(record.case.patientID == patient.id)
        #expect(record.patientName == "Ada Moss")
        #expect(record.totals.totalExpected == Cents(14_000))
        #expect(record.totals.totalOutstanding == Cents(14_000 - 1_500))
        #expect(record.totals.totalCostShareOutstanding == Cents(1_500))
        #expect(record.totals.billableStart == Day("2026-03-01"))
        #expect(try f.open([try f.claim("A-3")]).case.number.description == "CASE-000002")
        #expect(try f.auditCount("create") >= 2)
        #expect(try f.auditCount("claim_added") == 0)   // the links are part of each case's one "create" event
    }

    @Test func aClaimHasOneActiveCaseAtATime() throws {
        let f = try StoreFixture()
        let claim = try f.claim("R1-1")
        let first = try f.open([claim])
        #expect(throws: CaseRuleViolation.claimHeldByActiveCase(claimID: claim.claim.id, claimNumber: "R1-1",
                                                                caseID: first.case.id, caseNumber: "CASE-000001")) {
            try f.open([claim], by: f.bo)
        }
        _ = try f.store.caseWork.close(caller: f.ann, id: first.case.id, closing: .resolve(resolvedCarcCodes: nil), note: "paid", expectedRevision: nil)
        let second = try f.open([claim], by: f.bo)
        #expect(throws: CaseRuleViolation.claimHeldByActiveCase(claimID: claim.claim.id, claimNumber: "R1-1",
                                                                caseID: second.case.id, caseNumber: "CASE-000002")) {
            try f.store.caseWork.reactivate(caller: f.ann, id: first.case.id, expectedRevision: nil)
        }
        _ = try f.store.caseWork.close(caller: f.bo, id: second.case.id, closing: .cancel, note: nil, expectedRevision: nil)
        let back = try f.store.caseWork.reactivate(caller: f.ann, id: first.case.id, expectedRevision: nil)
        #expect(back.case.status == .active)
        #expect(back.case.resolvedAt == nil)
        #expect(try f.store.claims.get(organizationID: f.organizationID, id: claim.claim.id)?.activeCase?.id == first.case.id)
    }

    @Test func concurrentCreatesForOneClaimLetExactlyOneWin() throws {
        let f = try StoreFixture()
        let claim = try f.claim("C-1")
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 40) { _ in
            do { _ = try f.open([claim]); results.add("created") } catch let v as CaseRuleViolation {
                if case .claimHeldByActiveCase = v { results.add("held") } else { results.add("other \(v)") }
            } catch { results.add("error \(error)") }
        }
        #expect(results.counts == ["created": 1, "held": 39])
        let active = try f.store.database.read { db in
            try db.queryOne("SELECT COUNT(*) AS n FROM case_claims WHERE claim_id = ? AND active = 1", [.text(claim.claim.id)])?.int("n")
        }
        #expect(active == 1)
    }

    @Test func theDatabaseItselfRefusesASecondActiveLink() throws {
        let f = try StoreFixture()
        let claim = try f.claim("DB-1")
        let first = try f.open([claim])
        let other = try f.open([try f.claim("DB-2")])
        #expect(throws: SQLiteError.self) {
            try f.store.database.write { db in
                try db.execute("INSERT INTO case_claims (organization_id, case_id, claim_id, active, linked_at, linked_by) VALUES (?, ?, ?, 1, 'x', ?)",
                               [.text(f.organizationID), .text(other.case.id), .text(claim.claim.id), .text(f.ann.userID)])
            }
        }
        #expect(first.case.status == .active)
    }

    @Test func claimsOfAnotherPayerOrUnknownIdsAreRefused() throws {
        let f = try StoreFixture()
        let mine = try f.claim("P-1")
        let theirs = try f.claim("P-2", payer: f.otherPayer)
        #expect(throws: CaseRuleViolation.payerMismatch(claimID: theirs.claim.id, casePayerID: f.payer.id, claimPayerID: f.otherPayer.id,
                                                        casePayerName: "Summit", claimPayerName: "Lakeshore")) {
            try f.open([mine, theirs])
        }
        let record = try f.open([mine])
        #expect(throws: CaseRuleViolation.self) {
            try f.store.caseWork.addClaims(caller: f.ann, caseID: record.case.id, claims: [(theirs.claim.id, nil)], expectedRevision: nil)
        }
        #expect(throws: StorageError.invalidReference(field: "/claims/0/claim_id", id: "clm_missing")) {
            try f.store.caseWork.create(caller: f.ann, newCase: NewCase(claims: [("clm_missing", nil)], subject: "other"))
        }
        #expect(throws: CaseRuleViolation.unknownSubject("made up")) {
            try f.store.caseWork.create(caller: f.ann, newCase: NewCase(claims: [(mine.claim.id, nil)], subject: "made up"))
        }
    }

    @Test func updatesCheckRevisionAndRulesAndAudit() throws {
        let f = try StoreFixture()
        let record = try f.open([try f.claim("U-1")])
        #expect(throws: StorageError.revisionMismatch(current: 1)) {
            try f.store.caseWork.update(caller: f.ann, id: record.case.id, changes: CaseChanges(stage: .inProgress), expectedRevision: 9)
        }
        let moved = try f.store.caseWork.update(caller: f.bo, id: record.case.id, changes: CaseChanges(stage: .inProgress), expectedRevision: 1)
        #expect(moved.case.stage == .inProgress)
        #expect(moved.case.revision == 2)
        #expect(moved.case.updatedBy == f.bo.userID)
        #expect(throws: CaseRuleViolation.resolvedCodesNotDisputed([CARC("OA-18")!])) {
            try f.store.caseWork.update(caller: f.ann, id: record.case.id, changes: CaseChanges(resolvedCarcCodes: [CARC("OA-18")!]), expectedRevision: nil)
        }
        #expect(try f.auditCount("update") == 1)
        _ = try f.store.caseWork.close(caller: f.ann, id: record.case.id, closing: .cancel, note: nil, expectedRevision: nil)
        #expect(throws: CaseRuleViolation.caseNotActive(status: .canceled)) {
            try f.store.caseWork.update(caller: f.ann, id: record.case.id, changes: CaseChanges(stage: .new), expectedRevision: nil)
        }
    }

    @Test func submissionScopedCasesAreListedUnderTheirSubmission() throws {
        let f = try StoreFixture()
        let claim = try f.claim("S-1")
        let second = try f.store.claimWork.addSubmission(organizationID: f.organizationID, claimID: claim.claim.id,
                                                      submission: NewSubmission(frequencyCode: .replacement, submittedOn: Day("2026-04-01"), payerClaimNumber: nil),
                                                      actorID: f.ann.userID)
        #expect(second.sequence == 2)
        let record = try f.store.caseWork.create(caller: f.ann, newCase: NewCase(claims: [(claim.claim.id, second.id)], subject: "other"))
        let first = claim.submissions[0].id
        #expect(try f.store.cases.casesForClaim(organizationID: f.organizationID, claimID: claim.claim.id, scope: .submission, submissionID: second.id).map(\.case.id) == [record.case.id])
        #expect(try f.store.cases.casesForClaim(organizationID: f.organizationID, claimID: claim.claim.id, scope: .submission, submissionID: first).isEmpty)
        #expect(try f.store.cases.casesForClaim(organizationID: f.organizationID, claimID: claim.claim.id, scope: .all, submissionID: nil).map(\.case.id) == [record.case.id])
    }
}

/// Thread-safe tally of outcomes.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var tally: [String: Int] = [:]
    func add(_ key: String) { lock.lock(); tally[key, default: 0] += 1; lock.unlock() }
    var counts: [String: Int] { lock.lock(); defer { lock.unlock() }; return tally }
}
