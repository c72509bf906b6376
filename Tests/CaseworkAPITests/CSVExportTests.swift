import Foundation
import HTTPServer
import Testing
@testable import CaseworkAPI
import CaseworkUseCases

@Suite struct CSVExportTests {
    @Test func acceptQualityValuesPickTheFormat() {
        func wants(_ accept: String?) -> Bool {
            CaseListRoutes.wantsCSV(HTTPRequest(method: "GET", target: "/v1/cases", headers: HTTPHeaders(accept.map { [("Accept", $0)] } ?? [])))
        }
        #expect(wants("text/csv"))
        #expect(wants("text/csv, application/json;q=0.5"))
        #expect(!wants("text/csv;q=0.5, application/json"))
        #expect(!wants("text/csv;q=0"))
        #expect(!wants("text/csv, */*"))
        #expect(!wants("application/json"))
        #expect(!wants(nil))
    }

    @Test func fieldsAreQuotedAndDefused() {
        #expect(CaseRowRepresentation.csvLine(["a", "b,c", "say \"hi\"", "two\nlines"]) == Array("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n".utf8))
        #expect(CaseRowRepresentation.defused("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
        #expect(CaseRowRepresentation.defused("-2+3") == "'-2+3")
        #expect(CaseRowRepresentation.defused("Summit Health") == "Summit Health")
    }

    @Test func exportHasEveryRowOfTheView() throws {
        let api = try APITestHarness()
        for index in 0..<3 {
            _ = api.send("POST", "/v1/cases", json: ["claims": [["claim_id": api.claim("CSV-\(index)")]], "subject": "other",
                                                     "description": index == 0 ? "=1+1, \"quoted\"" : "plain"])
        }
        let app = api.app
        let response = app.respond(to: HTTPRequest(method: "GET", target: "/v1/cases?view=open",
                                                   headers: HTTPHeaders([("Authorization", "Bearer \(api.token)"), ("Accept", "text/csv")])))
        #expect(response.status == 200)
        let producer = try #require(response.stream)
        let collected = ByteSink()
        try producer(HTTPBodyWriter { collected.append($0) })
        let text = String(decoding: collected.bytes, as: UTF8.self)
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("number,payer,patient,subject"))
        #expect(text.contains("\"'=1+1, \"\"quoted\"\"\""))
    }
}

/// Collects what a streamed body writes.
final class ByteSink: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [UInt8] = []
    func append(_ bytes: [UInt8]) { lock.lock(); stored += bytes; lock.unlock() }
    var bytes: [UInt8] { lock.lock(); defer { lock.unlock() }; return stored }
}
