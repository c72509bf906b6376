import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Foundation
import Testing

/// An organization's own use cases (subjects, settings, denial categories) on each driver with a pinned clock.
@Suite struct OrganizationWorkTests {
    func work(_ f: UseCaseFixture) -> OrganizationWork {
        OrganizationWork(database: f.store, ambient: f.ambient)
    }

    func audit(_ f: UseCaseFixture, _ type: String) throws -> [AuditEvent] {
        try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: type), page: PageRequest(limit: 10)).items
    }

    @Test(arguments: Driver.available) func subjectsGoLastAndANameIsTakenOnce(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        #expect(throws: StorageError.duplicate(entity: "organization", field: "name", value: "Pinned Billing")) {
            try work(f).create(name: "Pinned Billing")
        }
        try work(f).addSubject(organizationID: f.organizationID, name: "prior authorization", actorID: f.ann.userID)
        #expect(try f.store.organizations.subjects(organizationID: f.organizationID) == Subject.defaults + ["prior authorization"])
        #expect(throws: StorageError.duplicate(entity: "subject", field: "name", value: "prior authorization")) {
            try work(f).addSubject(organizationID: f.organizationID, name: "prior authorization", actorID: f.ann.userID)
        }
    }

    @Test(arguments: Driver.available) func settingsAndCategoriesAreAuditedWithWhatTheyReplaced(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        f.clock.set("2026-06-19T16:45:00Z")
        _ = try work(f).updateSettings(organizationID: f.organizationID, actorID: f.ann.userID) { _ in OrganizationSettings(autoResolvePaidCases: false) }
        #expect(try audit(f, "organization").map(\.action) == ["create"])     // nothing changed: nothing audited
        _ = try work(f).updateSettings(organizationID: f.organizationID, actorID: f.ann.userID) { stored in
            var changed = stored
            changed.timeZone = "America/Chicago"
            return changed
        }
        // A change applies to the settings as stored then: the time zone set above stays.
        _ = try work(f).updateSettings(organizationID: f.organizationID, actorID: f.ann.userID) { stored in
            #expect(stored.timeZone == "America/Chicago")
            var changed = stored
            changed.autoResolvePaidCases = true
            return changed
        }
        #expect(try f.store.organizations.settings(organizationID: f.organizationID) == OrganizationSettings(autoResolvePaidCases: true,
                                                                                                             timeZone: "America/Chicago"))
        let update = try #require(try audit(f, "organization").first)
        #expect(update.action == "update" && update.at == Instant("2026-06-19T16:45:00Z"))

        _ = try work(f).setDenialCategory(organizationID: f.organizationID, carcCode: "16", subject: "coding error", actorID: f.bo.userID)
        #expect(try f.store.denialCategories.list(organizationID: f.organizationID).first { $0.carcCode == "16" }
                == DenialCategoryEntry(carcCode: "16", subject: "coding error", customized: true))
        #expect(throws: CaseRuleViolation.self) {
            try work(f).setDenialCategory(organizationID: f.organizationID, carcCode: "16", subject: "no such subject", actorID: f.bo.userID)
        }
        let changes = try #require(try audit(f, "denial_category").first).changes
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(changes.utf8)) as? [String: [String: String]])
        #expect(parsed == ["subject": ["before": "missing information", "after": "coding error"]])
    }
}
