import CaseworkDomain
import CaseworkUseCases
import Foundation
import Testing
@testable import CaseworkStorage

/// Issue 10 item 4: `case_claims.active` (what rule 1's partial unique index reads) cannot disagree
/// with its case's status: the database keeps it, whatever code writes.
@Suite struct CaseClaimsActiveTests {
    func flags(_ f: StoreFixture, _ caseID: String) throws -> [Int] {
        try f.store.database.read { db in
            try db.query("SELECT active FROM case_claims WHERE case_id = ? ORDER BY claim_id", [.text(caseID)]).map { $0.int("active") }
        }
    }

    @Test func theFlagFollowsTheCaseAndADisagreeingWriteIsRefused() throws {
        let f = try StoreFixture()
        let record = try f.open([try f.claim("ACT-1"), try f.claim("ACT-2")])
        let id = record.case.id
        #expect(try flags(f, id) == [1, 1])
        _ = try f.store.caseWork.close(caller: f.ann, id: id, closing: .cancel, note: nil, cancelOpenWork: false, expectedRevision: nil)
        #expect(try flags(f, id) == [0, 0])
        #expect(throws: SQLiteError.self) {
            try f.store.database.write { db in try db.execute("UPDATE case_claims SET active = 1 WHERE case_id = ?", [.text(id)]) }
        }
        _ = try f.store.caseWork.reactivate(caller: f.ann, id: id, expectedRevision: nil)
        #expect(try flags(f, id) == [1, 1])
        #expect(throws: SQLiteError.self) {
            try f.store.database.write { db in try db.execute("UPDATE case_claims SET active = 0 WHERE case_id = ?", [.text(id)]) }
        }
        // Even a status written by hand moves the claims with it.
        try f.store.database.write { db in try db.execute("UPDATE cases SET status = 'resolved' WHERE id = ?", [.text(id)]) }
        #expect(try flags(f, id) == [0, 0])
    }

    @Test func reactivatingACaseWhoseClaimAnotherCaseTookIsRefused() throws {
        let f = try StoreFixture()
        let claim = try f.claim("ACT-3")
        let first = try f.open([claim])
        _ = try f.store.caseWork.close(caller: f.ann, id: first.case.id, closing: .cancel, note: nil, cancelOpenWork: false, expectedRevision: nil)
        let second = try f.open([claim])
        #expect(throws: CaseRuleViolation.self) { try f.store.caseWork.reactivate(caller: f.ann, id: first.case.id, expectedRevision: nil) }
        #expect(try flags(f, first.case.id) == [0])
        #expect(try flags(f, second.case.id) == [1])
    }
}
