import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Testing

/// The case use cases on each driver (in-memory SQLite, PostgreSQL) with a pinned clock and numbered ids.
@Suite struct CaseWorkTests {
    @Test(arguments: Driver.available) func openingStampsThePinnedTimeOnTheCaseItsTimelineAndItsAudit(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let a = try f.claim("A-1"), b = try f.claim("A-2")
        let record = try f.open([a, b])
        let pinned = Instant("2026-06-15T09:30:00Z")!
        #expect(record.case.id == "case_t1")
        #expect(record.case.number.description == "CASE-000001")
        #expect(record.case.createdAt == pinned && record.case.updatedAt == pinned)
        #expect(record.claims.map(\.linkedAt) == [pinned, pinned])
        let timeline = try f.timeline(record.case.id)
        #expect(timeline.map(\.id) == ["act_t2", "act_t3", "act_t4"])
        #expect(timeline.map(\.subject) == ["Case opened", "Claim A-1 added", "Claim A-2 added"])
        #expect(timeline.allSatisfy { $0.createdAt == pinned })
        let history = try f.history(record.case.id)
        #expect(history.map(\.action) == ["create"])
        #expect(history.map(\.at) == [pinned])
    }

    @Test(arguments: Driver.available) func aRuleGivesTheOwnerAndAFollowUpCountedFromTheClocksDay(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        _ = try WorkRuleWork(database: f.store).add(caller: f.ann, input: WorkRuleInput(
            name: "Summit to Bo", position: nil, payerID: f.payer.id, category: nil, carc: nil, minimumDeniedAmount: nil,
            action: .openCase, owner: Owner(kind: "user", id: f.bo.userID), priority: .high, followUpDays: 10))
        f.clock.set("2026-02-25T23:59:59Z")
        let byRule = try f.open([try f.claim("R-1")])
        #expect(byRule.case.owner == Owner(kind: "user", id: f.bo.userID))
        #expect(byRule.case.followUpBy == Day("2026-03-07"))
        // An owner or a follow-up the caller gives wins over the rule's.
        let given = try f.open([try f.claim("R-2")], owner: Owner(kind: "team", id: f.team.id), followUpBy: Day("2026-04-01"))
        #expect(given.case.owner == Owner(kind: "team", id: f.team.id))
        #expect(given.case.followUpBy == Day("2026-04-01"))
    }

    @Test(arguments: Driver.available) func resolvingLaterStampsThatTimeAndFreesTheClaimForANewCase(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let claim = try f.claim("C-1")
        let first = try f.open([claim])
        f.clock.set("2026-06-20T14:00:00Z")
        let resolved = try f.work.close(caller: f.bo, id: first.case.id, closing: .resolve(resolvedCarcCodes: [CARC("CO-16")!]),
                                        note: "corrected claim paid", expectedRevision: first.case.revision)
        #expect(resolved.case.status == .resolved)
        #expect(resolved.case.resolvedAt == Instant("2026-06-20T14:00:00Z"))
        #expect(resolved.case.updatedAt == Instant("2026-06-20T14:00:00Z") && resolved.case.updatedBy == f.bo.userID)
        #expect(resolved.case.createdAt == Instant("2026-06-15T09:30:00Z"))
        #expect(try f.history(first.case.id).map(\.action) == ["create", "resolve"])
        #expect(try f.timeline(first.case.id).suffix(2).map(\.subject) == ["CARC codes resolved: CO-16", "Case resolved"])
        let second = try f.open([claim], by: f.bo)
        #expect(second.case.number.description == "CASE-000002")
        #expect(throws: CaseRuleViolation.claimHeldByActiveCase(claimID: claim, claimNumber: "C-1", caseID: second.case.id,
                                                                caseNumber: "CASE-000002")) {
            try f.work.reactivate(caller: f.ann, id: first.case.id, expectedRevision: nil)
        }
        _ = try f.work.close(caller: f.bo, id: second.case.id, closing: .cancel, note: nil, expectedRevision: nil)
        f.clock.set("2026-07-01T08:00:00Z")
        let back = try f.work.reactivate(caller: f.ann, id: first.case.id, expectedRevision: nil)
        #expect(back.case.status == .active && back.case.resolvedAt == nil)
        #expect(back.case.updatedAt == Instant("2026-07-01T08:00:00Z"))
    }

    @Test(arguments: Driver.available) func openWorkBlocksClosingUntilTheCallerConsentsThenIsCanceledAtTheClocksTime(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let record = try f.open([try f.claim("W-1")])
        let task = try f.activities.add(caller: f.ann, caseID: record.case.id, activity: NewActivity(
            subject: "Call Summit", body: "", details: .task(dueOn: Day("2026-06-18"), assigneeID: f.ann.userID, state: .open)))
        #expect(throws: CaseRuleViolation.openWorkNeedsConsent([task])) {
            try f.work.close(caller: f.ann, id: record.case.id, closing: .cancel, note: nil, expectedRevision: nil)
        }
        #expect(try f.store.cases.get(organizationID: f.organizationID, id: record.case.id)?.case.status == .active)
        f.clock.set("2026-06-16T10:00:00Z")
        let canceled = try f.work.close(caller: f.ann, id: record.case.id, closing: .cancel, note: "duplicate", cancelOpenWork: true,
                                        expectedRevision: nil)
        #expect(canceled.case.canceledAt == Instant("2026-06-16T10:00:00Z"))
        let after = try #require(try f.store.activities.get(organizationID: f.organizationID, id: task.id))
        #expect(after.details == .task(dueOn: Day("2026-06-18"), assigneeID: f.ann.userID, state: .canceled))
        #expect(after.updatedAt == Instant("2026-06-16T10:00:00Z"))
    }

    @Test(arguments: Driver.available) func claimsJoinAndLeaveWithThePatientDerivedAndTheLastClaimKept(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let moss = try PatientWork(database: f.store).add(organizationID: f.organizationID, firstName: "Ada", lastName: "Moss", birthDate: nil,
                                            memberID: "M1", actorID: nil)
        let a = try f.claim("L-1", patientID: moss.id), b = try f.claim("L-2")
        let record = try f.open([a])
        #expect(record.case.patientID == moss.id)
        f.clock.set("2026-06-15T11:00:00Z")
        let grown = try f.work.addClaims(caller: f.ann, caseID: record.case.id, claims: [(b, nil)], expectedRevision: record.case.revision)
        #expect(grown.claims.map(\.claim.id) == [a, b])
        #expect(grown.case.patientID == nil)   // two claims, one without a patient: no shared patient
        #expect(grown.claims.last?.linkedAt == Instant("2026-06-15T11:00:00Z"))
        #expect(throws: StorageError.revisionMismatch(current: grown.case.revision)) {
            try f.work.removeClaim(caller: f.ann, caseID: record.case.id, claimID: b, expectedRevision: record.case.revision)
        }
        let shrunk = try f.work.removeClaim(caller: f.ann, caseID: record.case.id, claimID: b, expectedRevision: grown.case.revision)
        #expect(shrunk.case.patientID == moss.id)
        #expect(throws: CaseRuleViolation.lastClaimOnCase(claimID: a)) {
            try f.work.removeClaim(caller: f.ann, caseID: record.case.id, claimID: a, expectedRevision: nil)
        }
        #expect(try f.history(record.case.id).map(\.action) == ["create", "claims_added", "claim_removed"])
        let foreign = try f.claim("L-3", payer: f.otherPayer)
        #expect(throws: CaseRuleViolation.payerMismatch(claimID: foreign, casePayerID: f.payer.id, claimPayerID: f.otherPayer.id,
                                                        casePayerName: "Summit", claimPayerName: "Lakeshore")) {
            try f.work.addClaims(caller: f.ann, caseID: record.case.id, claims: [(foreign, nil)], expectedRevision: nil)
        }
    }

    @Test(arguments: Driver.available) func ownersMustBeATeamOrAUserWhoCanWorkCases(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let claim = try f.claim("O-1")
        #expect(throws: StorageError.cannotWorkCases(field: "/owner/id", userID: f.vic.id, role: "viewer")) {
            try f.open([claim], owner: Owner(kind: "user", id: f.vic.id))
        }
        #expect(throws: StorageError.invalidReference(field: "/owner/id", id: "team_nope")) {
            try f.open([claim], owner: Owner(kind: "team", id: "team_nope"))
        }
        let record = try f.open([claim], owner: Owner(kind: "team", id: f.team.id))
        #expect(throws: StorageError.cannotWorkCases(field: "/owner/id", userID: f.vic.id, role: "viewer")) {
            try f.work.update(caller: f.ann, id: record.case.id, changes: CaseChanges(owner: .some(Owner(kind: "user", id: f.vic.id))),
                              expectedRevision: nil)
        }
        let moved = try f.work.update(caller: f.ann, id: record.case.id, changes: CaseChanges(owner: .some(Owner(kind: "user", id: f.bo.userID)),
                                                                                              stage: .inProgress), expectedRevision: nil)
        #expect(moved.case.owner == Owner(kind: "user", id: f.bo.userID) && moved.case.stage == .inProgress)
        #expect(try f.timeline(record.case.id).last?.subject == "Stage changed from new to in_progress")
    }

    @Test(arguments: Driver.available) func aRefusedOpeningWritesNothing(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let held = try f.claim("N-1"), free = try f.claim("N-2")
        let first = try f.open([held])
        // The free claim is checked and would link first; the held one refuses the whole case.
        #expect(throws: CaseRuleViolation.claimHeldByActiveCase(claimID: held, claimNumber: "N-1", caseID: first.case.id,
                                                                caseNumber: "CASE-000001")) {
            try f.open([free, held], by: f.bo)
        }
        #expect(try f.store.claims.get(organizationID: f.organizationID, id: free)?.activeCase == nil)
        #expect(try f.open([free]).case.number.description == "CASE-000002")
    }

    /// Rule 1's index refusing a link mid-transaction (a racing server won) must leave the transaction
    /// usable, so the use case can read who holds the claim (on PostgreSQL the link is written under a
    /// savepoint; without one the next statement fails with 25P02, transaction aborted).
    @Test(arguments: Driver.available) func aRefusedLinkLeavesTheTransactionUsable(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let claim = try f.claim("T-1")
        let first = try f.open([claim])
        let other = try f.open([try f.claim("T-2")])
        let holder = try f.store.write { tx -> ClaimHold? in
            #expect(throws: (any Error).self) {
                try tx.insertClaimLink(organizationID: f.organizationID, caseID: other.case.id, claimID: claim, submissionID: nil, at: f.clock.now, by: f.ann.userID)
            }
            return try tx.holdingCase(claimID: claim, except: other.case.id)
        }
        #expect(holder?.caseID == first.case.id && holder?.claimNumber == "T-1")
    }
}
