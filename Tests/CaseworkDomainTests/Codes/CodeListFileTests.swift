import Testing
@testable import CaseworkDomain

@Suite struct CodeListFileTests {
    let header = "# list: rarc\n# source: X12 RARC list\n# note: comments are skipped\n# date: 2026-11-01\ncode\tdescription\tstarts_on\tstops_on\n"

    @Test func readsHeaderAndRowsWithDates() throws {
        let list = try CodeListFile.parse(header + "n130\tConsult the plan.\t2004-01-01\t\r\n\nMA01\tYou may appeal.\t\t2030-01-01\n")
        #expect(list.kind == .rarc && list.source == "X12 RARC list" && list.date == "2026-11-01")
        #expect(list.entries == [CodeEntry(code: "N130", description: "Consult the plan.", startsOn: Day("2004-01-01")),
                                 CodeEntry(code: "MA01", description: "You may appeal.", stopsOn: Day("2030-01-01"))])
        #expect(list.entries[1].isRetired(on: Day("2030-01-01")!) == false)
        #expect(list.entries[1].isRetired(on: Day("2030-01-02")!))
    }

    @Test func listsEveryProblemWithItsLine() {
        let text = "# source: s\ncode\tdescription\n1\tA.\t\t\n1\tB.\t\t\nX-1\tC.\t\t\n2\t\t\t\n3\tD.\t2020-01-02\t2020-01-01\n4\tE.\n"
        #expect(throws: CodeListFileError(problems: [
            "header: \"# list: carc\" or \"# list: rarc\" is required.",
            "line 2: the column line must be code, description, starts_on, stops_on (tab-separated).",
            "line 4: code 1 is listed twice.",
            "line 5: \"X-1\" is not a code (1–6 letters and digits).",
            "line 6: code 2 has no description.",
            "line 7: code 3 stops before it starts.",
            "line 8: 2 columns; a code has 4 (code, description, starts_on, stops_on).",
            "header: \"# date: ...\" (as of when) is required.",
        ])) { try CodeListFile.parse(text) }
        #expect(throws: CodeListFileError(problems: ["the file lists no codes."])) { try CodeListFile.parse(header) }
    }

    @Test func aHeaderGivenTwiceMustAgreeAndCarcsHaveAtMostFiveCharacters() throws {
        let carc = "# list: carc\n# source: s\n# date: d\n# list: rarc\n# source: s\ncode\tdescription\tstarts_on\tstops_on\n"
        #expect(throws: CodeListFileError(problems: [
            "line 4: a second \"# list:\" (\"rarc\") differs from line 1 (\"carc\").",
            "line 8: \"ABCDEF\" is not a CARC (1–5 letters and digits).",
        ])) { try CodeListFile.parse(carc + "45\tA.\t\t\nABCDEF\tB.\t\t\n") }
        #expect(try CodeListFile.parse(header + "ABCDEF\tA six-character remark.\t\t\n").entries.map(\.code) == ["ABCDEF"])
    }
}
