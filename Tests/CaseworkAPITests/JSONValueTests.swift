import Foundation
import Testing
@testable import CaseworkAPI

@Suite struct JSONValueTests {
    @Test func stringsAreEscapedPerRFC8259AndRoundTrip() throws {
        let tricky = "plain \"quoted\" back\\slash\ttab\nnew\r\u{01}\u{1F} é 漢字 🧾"
        let bytes = JSONValue.object([("s", .string(tricky)), ("n", nil), ("a", [1, true, "x"])]).serialized()
        #expect(String(decoding: bytes, as: UTF8.self).contains("\\u0001\\u001f"))
        let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        #expect(parsed?["s"] as? String == tricky)
        #expect(parsed?["n"] is NSNull)
        #expect(JSONValue.string("").serialized() == Array("\"\"".utf8))
    }

    @Test func scalarsAndNestingAreWrittenExactly() {
        let value = JSONValue.object([("a", [nil, true, false, 0, -12, 9_007_199_254_740_993]), ("o", .object([])), ("e", [])])
        #expect(String(decoding: value.serialized(), as: UTF8.self)
                == #"{"a":[null,true,false,0,-12,9007199254740993],"o":{},"e":[]}"#)
        #expect(String(decoding: JSONValue.string("\u{0B}\u{1A}").serialized(), as: UTF8.self) == #""\u000b\u001a""#)
    }
}
