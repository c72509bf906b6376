import CaseworkDomain
import CaseworkUseCases
import Foundation
import Testing
@testable import CaseworkStorage

@Suite struct DataVersionTests {
    @Test func everyChangeMovesTheVersionAndReadsDoNot() throws {
        let f = try StoreFixture()
        let org = f.organizationID
        func version() throws -> Int { try f.store.organizations.dataVersion(organizationID: org) }
        var last = try version()
        func expectMoved(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let now = try version()
            #expect(now > last, "\(what) should move the data version", sourceLocation: sourceLocation)
            last = now
        }
        let claim = try f.claim("DV-1")
        try expectMoved("a claim")
        let record = try f.open([claim])
        try expectMoved("a case")
        _ = try f.store.caseWork.update(caller: f.ann, id: record.case.id, changes: CaseChanges(tags: ["appeal"]), expectedRevision: nil)
        try expectMoved("a tag")
        _ = try f.store.activityWork.add(caller: f.ann, caseID: record.case.id, activity: NewActivity(subject: "n", body: "", details: .note))
        try expectMoved("an activity")
        _ = try UserWork(database: f.store).addTeam(organizationID: org, name: "T", memberIDs: [f.bo.userID], actorID: f.ann.userID)
        try expectMoved("a team")
        _ = try f.store.cases.get(organizationID: org, id: record.case.id)
        _ = try f.store.dashboards.caseInsights(organizationID: org, query: CaseInsightsQuery())
        let read = try version()
        #expect(read == last)
        _ = try OrganizationWork(database: f.store).create(name: "Other Org")  // another tenant's change
        #expect(try version() == last)
    }
}
