import Testing
@testable import CaseworkAPI

@Suite struct StrictJSONTests {
    private func parse(_ text: String) throws(JSONInput.Failure) -> JSONInput { try JSONInput.parse(Array(text.utf8)) }

    @Test func readsEveryRFC8259FormWithEscapesAndSurrogatePairs() throws {
        let input = try parse(#" { "s" : "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83e\uddfe" , "n": [-0, 12, 1.5e-3, 2E+2], "t": true, "f": false, "z": null, "o": {} , "e": [] } "#)
        guard case .object(let members) = input else { Issue.record("not an object"); return }
        #expect(members.map(\.name) == ["s", "n", "t", "f", "z", "o", "e"])
        guard case .string(let s) = members[0].value, case .array(let numbers) = members[1].value else { Issue.record("shapes"); return }
        #expect(s == "a\"b\\c/d\u{08}\u{0C}\n\r\té🧾")
        #expect(numbers.map { if case .number(let text) = $0 { text } else { "" } } == ["-0", "12", "1.5e-3", "2E+2"])
    }

    @Test func namesWhereEachNearJSONFormGoesWrong() {
        let cases: [(String, Int)] = [
            (#"{"a":1,}"#, 7), (#"[1,]"#, 3), (#"{"a":01}"#, 6), (#"{"a":"\ud800"}"#, 12), (#"{"a":1}x"#, 7),
            ("[\"a\u{01}\"]", 3), (#"{"a" 1}"#, 5), (#"-"#, 1), (#"1."#, 2), (#"1e"#, 2), (#""#, 0),
        ]
        for (text, offset) in cases {
            #expect(throws: JSONInput.Failure.self, "\(text)") { try parse(text) }
            do { _ = try parse(text) } catch .syntax(let at, _) { #expect(at == offset, "\(text)") } catch { Issue.record("\(text): \(error)") }
        }
    }

    @Test func refusesNestingBeyondTheLimitWithoutRecursingFurther() {
        let deep = String(repeating: "[", count: JSONInput.maximumDepth + 1) + String(repeating: "]", count: JSONInput.maximumDepth + 1)
        let fine = String(repeating: "[", count: JSONInput.maximumDepth) + String(repeating: "]", count: JSONInput.maximumDepth)
        #expect(throws: JSONInput.Failure.self) { try parse(deep) }
        #expect(throws: Never.self) { try parse(fine) }
    }

    @Test func aRepeatedMemberIsNamedByItsPointer() {
        #expect(throws: JSONInput.Failure.duplicateMember(pointer: "/a/0/b~1c")) { try parse(#"{"a":[{"b/c":1,"b/c":1}]}"#) }
    }

    private struct Body: Decodable {
        struct Link: Decodable { let id: String; let note: String? }
        let name: String
        let count: Int
        let links: [Link]
        let flag: Bool?
    }

    @Test func theCollectingDecoderReportsEveryProblemAndDecodesWhatItCan() throws {
        let input = try parse(#"{"name": 5, "links": [{"id": "a", "extra": 1}, {"note": "n"}, 7], "flag": "yes", "more": {}}"#)
        let (value, problems) = CollectingDecoding.decode(Body.self, from: input)
        #expect(value?.links.first?.id == "a")
        let found = problems.map { problem -> String in
            guard case .pointer(let at) = problem.location else { return "?" }
            return at
        }
        #expect(found == ["/name", "/count", "/links/1/id", "/links/2", "/flag", "/more", "/links/0/extra"])
        let clean = CollectingDecoding.decode(Body.self, from: try parse(#"{"name":"n","count":-999999999999999,"links":[]}"#))
        #expect(clean.problems.isEmpty && clean.value?.count == -999_999_999_999_999)
        #expect(CollectingDecoding.decode(Body.self, from: try parse(#"{"name":"n","count":-9223372036854775808,"links":[]}"#)).problems.count == 1)
    }
}
