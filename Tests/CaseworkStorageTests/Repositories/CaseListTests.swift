import CaseworkDomain
import CaseworkUseCases
import Foundation
import Testing
@testable import CaseworkStorage

@Suite struct CaseListTests {
    @Test func viewsSelectTheirMembers() throws {
        let f = try StoreFixture()
        let team = try UserWork(database: f.store).addTeam(organizationID: f.organizationID, name: "Denials", memberIDs: [f.ann.userID], actorID: f.ann.userID)
        let ann = Caller(user: f.ann.user, teamIDs: [team.id])
        let mine = try f.open([try f.claim("V-1")], owner: .user(ann.userID))
        let teams = try f.open([try f.claim("V-2")], owner: .team(team.id))
        let bos = try f.open([try f.claim("V-3")], owner: .user(f.bo.userID))
        let done = try f.open([try f.claim("V-4")], owner: .user(ann.userID))
        _ = try f.store.caseWork.update(caller: ann, id: teams.case.id, changes: CaseChanges(stage: .inProgress), expectedRevision: nil)
        _ = try f.store.caseWork.update(caller: ann, id: bos.case.id, changes: CaseChanges(stage: .awaitingPayment), expectedRevision: nil)
        _ = try f.store.caseWork.close(caller: ann, id: done.case.id, closing: .resolve(resolvedCarcCodes: nil), note: nil, expectedRevision: nil)
        func members(_ view: CaseView) throws -> Set<String> {
            Set(try f.store.cases.list(caller: ann, query: CaseQuery(view: view, today: Day("2026-11-29")!), page: PageRequest(limit: 200)).items.map(\.case.id))
        }
        #expect(try members(.all) == [mine.case.id, teams.case.id, bos.case.id, done.case.id])
        #expect(try members(.open) == [mine.case.id, teams.case.id, bos.case.id])
        #expect(try members(.myOpen) == [mine.case.id, teams.case.id])
        #expect(try members(.inProgress) == [teams.case.id])
        #expect(try members(.awaitingPayment) == [bos.case.id])
        #expect(try members(.resolved) == [done.case.id])
    }

    @Test func keysetPagesReturnEveryRowOnceWhileRowsAreInserted() throws {
        let f = try StoreFixture()
        var expected = Set<String>()
        for index in 0..<10 { expected.insert(try f.open([try f.claim("K-\(index)")]).case.id) }
        for sort in CaseQuery.SortKey.allCases {
            for descending in [true, false] {
                var seen: [String] = []
                var cursor: String?
                var inserted = 0
                repeat {
                    let page = try f.store.cases.list(caller: f.ann, query: CaseQuery(view: .all, sort: sort, descending: descending, today: Day("2026-11-29")!),
                                                      page: PageRequest(limit: 3, cursor: cursor))
                    seen += page.items.map(\.case.id)
                    cursor = page.nextCursor
                    let extra = try f.open([try f.claim("K-\(sort)-\(descending)-\(inserted)")])
                    inserted += 1
                    _ = extra
                } while cursor != nil
                #expect(Set(seen).count == seen.count, "no row twice for \(sort) \(descending)")
                #expect(expected.isSubset(of: Set(seen)), "every original row for \(sort) \(descending)")
                expected.formUnion(try f.store.cases.list(caller: f.ann, query: CaseQuery(view: .all, today: Day("2026-11-29")!),
                                                          page: PageRequest(limit: 200)).items.map(\.case.id))
            }
        }
    }

    @Test func foreignCursorsAreRefused() throws {
        let f = try StoreFixture()
        #expect(throws: PageError.invalidCursor) {
            try f.store.cases.list(caller: f.ann, query: CaseQuery(view: .all, today: Day("2026-11-29")!), page: PageRequest(limit: 3, cursor: "garbage"))
        }
    }

    @Test func filtersNarrowAView() throws {
        let f = try StoreFixture()
        let tagged = try f.store.caseWork.create(caller: f.ann, newCase: NewCase(
            claims: [(try f.claim("F-1").claim.id, nil)], subject: "timely filing", tags: ["appeal"], carcCodes: [CARC("CO-29")!],
            followUpBy: Day("2026-11-01"), priority: .high))
        _ = try f.open([try f.claim("F-2", payer: f.otherPayer)])
        let today = Day("2026-11-29")!
        func ids(_ q: CaseQuery) throws -> [String] { try f.store.cases.list(caller: f.ann, query: q, page: PageRequest()).items.map(\.case.id) }
        #expect(try ids(CaseQuery(view: .open, tag: "appeal", today: today)) == [tagged.case.id])
        #expect(try ids(CaseQuery(view: .open, carcCode: CARC("CO-29"), today: today)) == [tagged.case.id])
        #expect(try ids(CaseQuery(view: .open, priority: .high, today: today)) == [tagged.case.id])
        #expect(try ids(CaseQuery(view: .open, overdue: true, today: today)) == [tagged.case.id])
        #expect(try ids(CaseQuery(view: .open, payerID: f.payer.id, today: today)) == [tagged.case.id])
        #expect(try ids(CaseQuery(view: .open, subject: "timely filing", today: today)) == [tagged.case.id])
        #expect(try ids(CaseQuery(view: .open, followUpBefore: Day("2026-10-01"), today: today)).isEmpty)
    }
}
