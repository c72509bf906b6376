import Testing
@testable import CaseworkDomain

@Suite struct CARCTests {
    @Test func parsesGroupAndCode() throws {
        let carc = try #require(CARC("co-16"))
        #expect(carc.group == .contractualObligation)
        #expect(carc.code == "16")
        #expect(carc.description == "CO-16")
        #expect(CARC("OA-18")?.group == .otherAdjustment)
        #expect(CARC("PI-A1")?.code == "A1")
        #expect(CARC("CR-31")?.group == .correctionReversal)
        #expect(CARC("PR-12345")?.code == "12345")
    }

    @Test(arguments: ["", "CO", "CO-", "-16", "XX-16", "CO-123456", "CO-1 6", "CO-16-1", "CO_16", "CO-é", "16", "pı-16", "CO-ß"])
    func rejectsMalformed(_ text: String) {
        #expect(CARC(text) == nil)
    }

    @Test func contractualCodesAreRecognised() {
        #expect(CARC("CO-45")!.isContractual)
        #expect(CARC("CO-253")!.isContractual)
        #expect(!CARC("CO-16")!.isContractual)
        #expect(!CARC("OA-45")!.isContractual)
    }
}
