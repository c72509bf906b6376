import CaseworkDomain
import Testing
@testable import CaseworkStorage

@Suite struct CodeListRepositoryTests {
    @Test func theShippedListsParseAndLoadIntoANewDatabase() throws {
        #expect(CodeListRepository.shipped.map(\.kind) == [.carc, .rarc])
        let fixture = try StoreFixture()
        for list in CodeListRepository.shipped {
            let (summary, entries) = try fixture.store.codes.list(list.kind)
            #expect(summary?.source == list.source && summary?.count == list.entries.count)
            #expect(Set(entries) == Set(list.entries))
        }
        // Every code the sample remittances use but X999 (not an X12 code) is listed.
        let standing = try fixture.store.codes.standing(.carc, codes: ["1", "16", "45", "a2", "B13", "999"], on: Day("2026-12-01")!)
        #expect(standing == ["1": .current, "16": .current, "45": .current, "a2": .current, "B13": .current, "999": .unknown])
    }

    @Test func anImportReplacesOneListWholeAndSurvivesReopening() throws {
        let fixture = try StoreFixture()
        let list = CodeList(kind: .carc, source: "Test", date: "2026-11-01",
                            entries: [CodeEntry(code: "42", description: "Old.", stopsOn: Day("2008-06-30")), CodeEntry(code: "45", description: "Fee.")])
        #expect(try fixture.store.codes.replace(list).count == 2)
        let reopened = try CaseworkStore(path: fixture.path)
        #expect(try reopened.codes.list(.carc).entries.map(\.code) == ["42", "45"])
        #expect(try reopened.codes.list(.rarc).entries.count == CodeListRepository.shipped[1].entries.count)
        #expect(try reopened.codes.standing(.carc, codes: ["42", "45", "16"], on: Day("2026-12-01")!)
                == ["42": .retired(Day("2008-06-30")!), "45": .current, "16": .unknown])
    }
}
