import CaseworkUseCases
import Testing

@Suite struct HexTests {
    @Test func encodesBytesAndSHA256TestVectors() {
        #expect(Hex.encode([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(Hex.encode([UInt8]()) == "")
        // FIPS 180-4 example "abc", also split across two parts.
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(Hex.sha256(Array("abc".utf8)) == abc)
        #expect(Hex.sha256(Array("a".utf8), Array("bc".utf8)) == abc)
    }
}
