import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Testing

/// The directory's use cases (users, teams, payers, patients) on each driver with a pinned clock and numbered ids.
@Suite struct DirectoryWorkTests {
    @Test(arguments: Driver.available) func usersAndTeamsAreRecordedAtTheClocksTimeAndRefusedWhenTaken(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let users = UserWork(database: f.store, ambient: f.ambient)
        let cy = try users.add(organizationID: f.organizationID, name: "Cy", email: "cy@test.dev", role: .biller, actorID: f.ann.userID)
        #expect(cy.id == "usr_t1")
        #expect(throws: StorageError.duplicate(entity: "user", field: "email", value: "cy@test.dev")) {
            try users.add(organizationID: f.organizationID, name: "Cy again", email: "cy@test.dev", role: .viewer, actorID: nil)
        }
        #expect(throws: StorageError.invalidReference(field: "/member_ids/2", id: "usr_none")) {
            try users.addTeam(organizationID: f.organizationID, name: "Follow-up", memberIDs: [cy.id, cy.id, "usr_none"], actorID: f.ann.userID)
        }
        let team = try users.addTeam(organizationID: f.organizationID, name: "Follow-up", memberIDs: [cy.id, f.bo.userID, cy.id], actorID: f.ann.userID)
        #expect(team.memberIDs == [cy.id, f.bo.userID])
        #expect(throws: StorageError.duplicate(entity: "team", field: "name", value: "Appeals")) {
            try users.updateTeam(organizationID: f.organizationID, id: team.id, name: "Appeals", memberIDs: nil, actorID: f.ann.userID)
        }
        f.clock.set("2026-06-18T07:00:00Z")
        let unchanged = try users.updateTeam(organizationID: f.organizationID, id: team.id, name: "Follow-up", memberIDs: [f.bo.userID, cy.id],
                                             actorID: f.ann.userID)
        #expect(Set(unchanged.memberIDs) == Set(team.memberIDs))
        let renamed = try users.updateTeam(organizationID: f.organizationID, id: team.id, name: "Second look", memberIDs: [cy.id], actorID: f.bo.userID)
        #expect(renamed.name == "Second look" && renamed.memberIDs == [cy.id])
        #expect(try f.store.users.team(organizationID: f.organizationID, id: team.id) == renamed)
        let audit = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "team", entityID: team.id),
                                             page: PageRequest(limit: 10)).items
        #expect(audit.map(\.action) == ["update", "create"])
        #expect(audit.first?.at == Instant("2026-06-18T07:00:00Z") && audit.first?.actorID == f.bo.userID)
    }

    @Test(arguments: Driver.available) func aPayerChangeAuditsEachFieldAndAPatientsAuditNamesNoValue(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let payers = PayerWork(database: f.store, ambient: f.ambient)
        let payer = try payers.add(organizationID: f.organizationID, name: "Harbor", payerID: "H1", kind: .commercial, timelyFilingDays: 90,
                                   appealDays: nil, actorID: f.ann.userID)
        #expect(payer.id == "pay_t1")
        var changed = payer
        changed.appealDays = 45
        changed.name = "Harbor Health"
        let updated = try payers.update(organizationID: f.organizationID, id: changed.id, actorID: f.ann.userID) { _ in changed }
        #expect(updated == changed)
        #expect(try f.store.payers.get(organizationID: f.organizationID, id: payer.id) == changed)
        _ = try payers.update(organizationID: f.organizationID, id: changed.id, actorID: f.ann.userID) { _ in changed }
        // A change applies to the payer as stored then (its appeal days above stay; the id cannot move).
        let renamed = try payers.update(organizationID: f.organizationID, id: payer.id, actorID: f.ann.userID) { stored in
            #expect(stored == changed)
            var next = stored
            next.name = "Harbor Health Plan"
            next.id = "pay_other"
            return next
        }
        #expect(renamed.id == payer.id && renamed.appealDays == 45)
        #expect(try f.store.payers.get(organizationID: f.organizationID, id: payer.id)?.name == "Harbor Health Plan")
        let audit = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "payer", entityID: payer.id),
                                             page: PageRequest(limit: 10)).items
        #expect(audit.map(\.action) == ["update", "update", "create"])
        #expect(audit.dropFirst().first.map { $0.changes.contains("appeal_days") && $0.changes.contains("Harbor Health") && !$0.changes.contains("H1") } == true)
        #expect(throws: StorageError.notFound(entity: "payer", id: "pay_none")) {
            var ghost = changed
            ghost.id = "pay_none"
            return try payers.update(organizationID: f.organizationID, id: ghost.id, actorID: f.ann.userID) { _ in ghost }
        }

        let patient = try PatientWork(database: f.store, ambient: f.ambient).add(
            organizationID: f.organizationID, firstName: "Rosa", lastName: "Quintero", birthDate: Day("1980-02-29"), memberID: "M-77",
            actorID: f.ann.userID)
        #expect(patient.id == "pat_t2")
        let patientAudit = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "patient"),
                                                    page: PageRequest(limit: 10)).items
        #expect(patientAudit.map(\.entityID) == [patient.id])
        #expect(patientAudit.allSatisfy { !$0.changes.contains("Rosa") && !$0.changes.contains("M-77") && !$0.changes.contains("1980") })
    }
}
