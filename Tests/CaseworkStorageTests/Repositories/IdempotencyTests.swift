import CaseworkDomain
import Foundation
import Testing
@testable import CaseworkStorage
import CaseworkUseCases

/// Issue 10 item 4: the record of an idempotent answer is written in the same transaction as the
/// action it answers.
@Suite struct IdempotencyTests {
    func answer(_ body: String) -> StoredResponse {
        StoredResponse(fingerprint: "f", status: 201, headers: [["Content-Type", "application/json"]], body: Array(body.utf8))
    }

    @Test func theActionAndTheRecordOfItsAnswerCommitTogether() throws {
        let f = try StoreFixture()
        let org = f.organizationID, user = f.ann.userID
        let first = try IdempotentRequests(database: f.store).once(organizationID: org, userID: user, key: "k1", fingerprint: "f") {
            (try f.open([try f.claim("ID-1")]).case.id, answer("first"))
        }
        guard case .acted(let caseID) = first else { Issue.record("the first request acts"); return }
        let again = try IdempotentRequests(database: f.store).once(organizationID: org, userID: user, key: "k1", fingerprint: "f") { () throws -> (String, StoredResponse?) in
            Issue.record("a retry must not act"); return ("", nil)
        }
        guard case .replayed(let stored) = again else { Issue.record("a retry replays"); return }
        #expect(stored.body == Array("first".utf8))
        #expect(try f.store.cases.get(organizationID: org, id: caseID) != nil)

        // The record cannot be written (a crash, a full disk): the action is not kept either, so a retry acts once.
        try f.store.database.write { db in
            try db.execute("CREATE TRIGGER refuse_keys BEFORE INSERT ON idempotency_keys BEGIN SELECT RAISE(FAIL, 'disk full'); END")
        }
        let claim = try f.claim("ID-2")
        #expect(throws: (any Error).self) {
            try IdempotentRequests(database: f.store).once(organizationID: org, userID: user, key: "k2", fingerprint: "f") { (try f.open([claim]).case.id, answer("second")) }
        }
        #expect(try f.store.cases.casesForClaim(organizationID: org, claimID: claim.claim.id, scope: .all, submissionID: nil).isEmpty)
        try f.store.database.write { db in try db.execute("DROP TRIGGER refuse_keys") }
        let retried = try IdempotentRequests(database: f.store).once(organizationID: org, userID: user, key: "k2", fingerprint: "f") { (try f.open([claim]).case.id, answer("second")) }
        guard case .acted = retried else { Issue.record("the retry acts"); return }
        #expect(try f.store.cases.casesForClaim(organizationID: org, claimID: claim.claim.id, scope: .all, submissionID: nil).count == 1)
    }

    @Test func anAnswerNotToBeStoredLeavesNoRecord() throws {
        let f = try StoreFixture()
        let requests = IdempotentRequests(database: f.store)
        _ = try requests.once(organizationID: f.organizationID, userID: f.ann.userID, key: "secret", fingerprint: "f") { ("token", nil as StoredResponse?) }
        let retried = try requests.once(organizationID: f.organizationID, userID: f.ann.userID, key: "secret", fingerprint: "f") {
            ("another token", nil as StoredResponse?)
        }
        guard case .acted("another token") = retried else { Issue.record("nothing was stored, so a retry acts"); return }
    }

    @Test func aStreamedAnswerKeepsItsRequestButActsAgainOnARetry() throws {
        let f = try StoreFixture()
        let org = f.organizationID, user = f.ann.userID
        let unkept = StoredResponse(fingerprint: "file-a", status: 201, headers: [], body: [], replayable: false)
        var acted = 0
        for _ in 0..<2 {
            let outcome = try IdempotentRequests(database: f.store).once(organizationID: org, userID: user, key: "big", fingerprint: "file-a") { () throws -> (Int, StoredResponse?) in
                acted += 1
                return (acted, unkept)
            }
            guard case .acted = outcome else { Issue.record("the same request acts again"); return }
        }
        #expect(acted == 2)
        let other = try IdempotentRequests(database: f.store).once(organizationID: org, userID: user, key: "big", fingerprint: "file-b") { () throws -> (Int, StoredResponse?) in
            Issue.record("another request under the key must not act"); return (0, nil)
        }
        guard case .replayed(let stored) = other else { Issue.record("another request gets the stored record"); return }
        #expect(stored.fingerprint == "file-a" && !stored.replayable)
    }
}
