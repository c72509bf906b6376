import Foundation
import Testing
@testable import CaseworkStorage
import CaseworkUseCases

@Suite struct JSONTextTests {
    @Test func writesWhatJSONSerializationReadsBack() throws {
        let value = AuditValue.object([
            "b": .object(["before": .null, "after": .integer(12)]), "a": ["x", "q\"uote\\\n\u{1}é"].auditValue,
            "c": .flag(true), "d": .integer(-7), "f": .list([.object(["claim_id": .text("clm_1"), "submission_id": .null])]),
        ])
        var text = ""
        JSONText.write(value, into: &text)
        #expect(text.contains("\"c\":true,\"d\":-7,\"f\":[{\"claim_id\":\"clm_1\",\"submission_id\":null}]"))
        #expect(text.hasPrefix("{\"a\":[\"x\",\"q\\\"uote\\\\\\n\\u0001é\"],\"b\":"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((parsed["a"] as? [String]) == ["x", "q\"uote\\\n\u{1}é"])
        #expect(((parsed["b"] as? [String: Any])?["after"] as? Int) == 12)
        #expect((parsed["b"] as? [String: Any])?["before"] is NSNull)
        #expect((parsed["c"] as? Bool) == true && (parsed["d"] as? Int) == -7)
        #expect((((parsed["f"] as? [[String: Any]])?.first)?["claim_id"] as? String) == "clm_1")
    }
}

@Suite struct AuditChangesTests {
    @Test func changesAreWrittenSortedWithTheLastOfAFieldWinning() throws {
        let text = AuditLog.json([.init(field: "stage", before: "new", after: "in_progress"),
                                  .init(field: "paid_cents", before: AuditValue.null, after: 1200),
                                  .init(field: "stage", before: "new", after: "awaiting_payment"),
                                  .init(field: "tags", before: [String](), after: ["appeal", "a \"quoted\" tag"])])
        #expect(text == #"{"paid_cents":{"after":1200,"before":null},"stage":{"after":"awaiting_payment","before":"new"},"#
                + #""tags":{"after":["appeal","a \"quoted\" tag"],"before":[]}}"#)
        #expect(AuditLog.json([]) == "{}")
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }
}
