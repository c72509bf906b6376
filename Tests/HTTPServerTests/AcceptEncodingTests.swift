import Testing
@testable import HTTPServer

@Suite("Accept-Encoding negotiation")
struct AcceptEncodingTests {
    private func accepts(_ values: [String], _ coding: String = "gzip") -> Bool {
        AcceptEncoding(HTTPHeaders(values.map { ("Accept-Encoding", $0) })).accepts(coding)
    }

    @Test func plainListsAndCase() {
        #expect(accepts(["gzip"]))
        #expect(accepts(["gzip, deflate, br"]))
        #expect(accepts(["br,GZIP"]))
        #expect(accepts(["deflate", "gzip;q=0.5"]))            // several field lines
        #expect(accepts(["x-gzip"]))                          // RFC 9110 §8.4.1.3
        #expect(!accepts(["deflate, br"]))
        #expect(!accepts(["gzipped"]))
    }

    @Test func zeroWeightRefuses() {
        #expect(!accepts(["gzip;q=0"]))
        #expect(!accepts(["gzip; Q=0.000"]))
        #expect(!accepts(["*, gzip;q=0"]))                    // the explicit listing beats *
        #expect(accepts(["gzip ; q=0.001"]))
        #expect(accepts(["gzip;q=1.000"]))
    }

    @Test func wildcardCounts() {
        #expect(accepts(["*"]))
        #expect(accepts(["br, *;q=0.1"]))
        #expect(!accepts(["*;q=0"]))
        #expect(accepts(["*;q=0, gzip"]))
    }

    @Test func identityIsAcceptableUnlessRefused() {
        #expect(accepts(["gzip"], "identity"))
        #expect(accepts([], "identity"))
        #expect(accepts([""], "identity"))
        #expect(!accepts(["identity;q=0"], "identity"))
        #expect(!accepts(["*;q=0"], "identity"))
        #expect(accepts(["*;q=0, identity"], "identity"))
        #expect(!accepts(["identity"]))                       // identity alone: no gzip
    }

    @Test func absentOrEmptyFieldMeansIdentityOnly() {
        #expect(!AcceptEncoding(HTTPHeaders()).accepts("gzip"))
        #expect(!AcceptEncoding(HTTPHeaders()).isPresent)
        #expect(!accepts([""]))
        #expect(AcceptEncoding(HTTPHeaders([("Accept-Encoding", "")])).isPresent)
    }

    @Test func malformedElementsAreIgnored() {
        #expect(!accepts(["gzip;q=2"]))
        #expect(!accepts(["gzip;q=0.0001"]))
        #expect(!accepts(["gzip;q=abc"]))
        #expect(!accepts(["gzip;q"]))
        #expect(!accepts(["gz ip"]))
        #expect(accepts(["gzip;q=nope, *"]))                  // the bad element is skipped; * remains
        #expect(accepts(["gzip;level=9"]))                    // other parameters are ignored
    }

    @Test func qualitiesAreReported() {
        let accept = AcceptEncoding(HTTPHeaders([("Accept-Encoding", "br;q=0.9, GZIP;q=0.25, *;q=0.1")]))
        #expect(accept.quality(of: "gzip") == 0.25)
        #expect(accept.quality(of: "br") == 0.9)
        #expect(accept.quality(of: "deflate") == 0.1)
        #expect(accept.entries.map(\.coding) == ["br", "gzip", "*"])
    }

    @Test func qvalueGrammar() {
        #expect(AcceptEncoding.parseQValue("0") == 0)
        #expect(AcceptEncoding.parseQValue("1") == 1)
        #expect(AcceptEncoding.parseQValue("0.") == 0)
        #expect(AcceptEncoding.parseQValue("0.125") == 0.125)
        #expect(AcceptEncoding.parseQValue("1.000") == 1)
        #expect(AcceptEncoding.parseQValue("1.001") == nil)
        #expect(AcceptEncoding.parseQValue(".5") == nil)
        #expect(AcceptEncoding.parseQValue("0.5000") == nil)
        #expect(AcceptEncoding.parseQValue("") == nil)
    }
}
