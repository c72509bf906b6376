import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Foundation
import Synchronization
import Testing

/// The work-rule and token use cases on each driver with a pinned clock and numbered ids.
@Suite struct WorkRuleAndTokenWorkTests {
    static func input(_ name: String, position: Int? = nil, payerID: String? = nil, owner: Owner? = nil) -> WorkRuleInput {
        WorkRuleInput(name: name, position: position, payerID: payerID, category: nil, carc: nil, minimumDeniedAmount: nil,
                      action: .openCase, owner: owner, priority: .normal, followUpDays: nil)
    }

    @Test(arguments: Driver.available) func rulesGoLastKeepTheirPlaceOnChangeAndAreAuditedAtTheClocksTime(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let first = try f.rules.add(caller: f.ann, input: Self.input("Summit", payerID: f.payer.id))
        let second = try f.rules.add(caller: f.ann, input: Self.input("Bo's", owner: Owner(kind: "user", id: f.bo.userID)))
        #expect([first.id, second.id] == ["rule_t1", "rule_t2"] && [first.position, second.position] == [1, 2])
        f.clock.set("2026-07-01T12:00:00Z")
        let renamed = try f.rules.update(caller: f.bo, id: first.id) { _ in Self.input("Summit, renamed", payerID: f.payer.id) }
        #expect(renamed.position == 1 && renamed.name == "Summit, renamed")
        #expect(try f.store.rules.list(organizationID: f.organizationID) == [renamed, second])
        try f.rules.delete(caller: f.bo, id: second.id)
        #expect(try f.store.rules.list(organizationID: f.organizationID) == [renamed])
        let audit = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "work_rule"),
                                             page: PageRequest(limit: 10)).items
        #expect(audit.map(\.action) == ["delete", "update", "create", "create"])
        #expect(audit.prefix(2).allSatisfy { $0.at == Instant("2026-07-01T12:00:00Z") && $0.actorID == f.bo.userID })
    }

    @Test(arguments: Driver.available) func aChangeIsAppliedToTheRuleAsStoredAndAuditsOnlyTheFieldsItChanged(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let rule = try f.rules.add(caller: f.ann, input: Self.input("Summit", payerID: f.payer.id))
        // A change made elsewhere after this caller read the rule...
        _ = try f.rules.update(caller: f.bo, id: rule.id) { var input = $0; input.priority = .high; return input }
        // ...is what the next change starts from, so renaming keeps the new priority.
        let renamed = try f.rules.update(caller: f.ann, id: rule.id) { stored in
            #expect(stored.priority == .high && stored.name == "Summit")
            var input = stored; input.name = "Summit, renamed"; return input
        }
        #expect(renamed.priority == .high && renamed.name == "Summit, renamed" && renamed.payerID == f.payer.id)
        #expect(try f.store.rules.get(organizationID: f.organizationID, id: rule.id) == renamed)
        // A change that changes nothing writes nothing.
        #expect(try f.rules.update(caller: f.bo, id: rule.id) { $0 } == renamed)
        let audit = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "work_rule"),
                                             page: PageRequest(limit: 10)).items
        #expect(audit.map(\.action) == ["update", "update", "create"])
        #expect(audit.prefix(2).map(\.changes) == [#"{"name":{"after":"Summit, renamed","before":"Summit"}}"#,
                                                   #"{"priority":{"after":"high","before":"normal"}}"#])
    }

    @Test(arguments: Driver.available) func aRuleNamingWhatTheOrganizationLacksIsRefusedAndNothingIsWritten(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let other = try OrganizationWork(database: f.store).create(name: "Other Billing")
        let theirPayer = try PayerWork(database: f.store).add(organizationID: other, name: "Theirs", payerID: "T1", kind: .commercial,
                                                timelyFilingDays: nil, appealDays: nil, actorID: nil)
        #expect(throws: StorageError.invalidReference(field: "/payer_id", id: theirPayer.id)) {
            try f.rules.add(caller: f.ann, input: Self.input("Theirs", payerID: theirPayer.id))
        }
        #expect(throws: StorageError.cannotWorkCases(field: "/owner/id", userID: f.vic.id, role: "viewer")) {
            try f.rules.add(caller: f.ann, input: Self.input("Vic", owner: Owner(kind: "user", id: f.vic.id)))
        }
        #expect(throws: StorageError.notFound(entity: "rule", id: "rule_none")) {
            try f.rules.update(caller: f.ann, id: "rule_none") { _ in Self.input("none") }
        }
        #expect(try f.store.rules.list(organizationID: f.organizationID).isEmpty)
    }

    /// A token's use is noted after the request, so authenticating never waits for the database's
    /// writer, which a long 835 posting may hold for minutes (a fresh token's first request once
    /// waited for the whole posting). The writer is held here until authentication has answered.
    @Test func authenticatingNeverWaitsForTheWriter() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("casework-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let f = try UseCaseFixture(store: try CaseworkStore(path: folder.appendingPathComponent("db.sqlite").path))
        let issued = try f.tokens.issue(organizationID: f.organizationID, userID: f.bo.userID, actorID: f.ann.userID)
        let writerHeld = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), writerDone = DispatchSemaphore(value: 0)
        Thread {
            _ = try? f.store.write { _ in
                writerHeld.signal()
                _ = release.wait(timeout: .now() + 30)
            }
            writerDone.signal()
        }.start()
        #expect(writerHeld.wait(timeout: .now() + 10) == .success)
        let answered = DispatchSemaphore(value: 0)
        let user = Mutex<String?>(nil)
        Thread {
            let found = try? f.store.tokens.authenticate(token: issued.token)?.userID
            user.withLock { $0 = found }
            answered.signal()
        }.start()
        let answeredWhileHeld = answered.wait(timeout: .now() + 10) == .success
        release.signal()
        #expect(answeredWhileHeld)
        #expect(writerDone.wait(timeout: .now() + 10) == .success)
        if !answeredWhileHeld { _ = answered.wait(timeout: .now() + 10) }
        #expect(user.withLock { $0 } == f.bo.userID)
        // The use is written once the writer is free; listing the tokens waits for it.
        #expect(try f.store.tokens.list(caller: f.bo).first?.lastUsedAt != nil)
    }

    @Test(arguments: Driver.available) func anIssuedTokenAuthenticatesUntilItsOwnerRevokesIt(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let issued = try f.tokens.issue(organizationID: f.organizationID, userID: f.bo.userID, actorID: f.ann.userID)
        #expect(issued.record == TokenRecord(id: "tok_t1", createdAt: Instant("2026-06-15T09:30:00Z")!, lastUsedAt: nil, revokedAt: nil))
        #expect(issued.token.hasPrefix("cw_") && issued.token.utf8.count == 67)
        #expect(try f.store.tokens.authenticate(token: issued.token)?.userID == f.bo.userID)
        // Only its owner may revoke it.
        #expect(throws: StorageError.notFound(entity: "token", id: issued.record.id)) { try f.tokens.revoke(caller: f.ann, id: issued.record.id) }
        f.clock.set("2026-06-16T00:00:00Z")
        let revoked = try f.tokens.revoke(caller: f.bo, id: issued.record.id)
        #expect(revoked.revokedAt == Instant("2026-06-16T00:00:00Z"))
        #expect(try f.store.tokens.authenticate(token: issued.token) == nil)
        f.clock.set("2026-06-17T00:00:00Z")
        #expect(try f.tokens.revoke(caller: f.bo, id: issued.record.id).revokedAt == Instant("2026-06-16T00:00:00Z"))
        #expect(throws: StorageError.notFound(entity: "user", id: "usr_none")) {
            try f.tokens.issue(organizationID: f.organizationID, userID: "usr_none", actorID: nil)
        }
    }
}
