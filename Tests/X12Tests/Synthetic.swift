import Foundation  // String.replacingOccurrences
/// Builds small 835 inputs for tests: a 106-byte ISA with chosen delimiters and control
/// numbers, GS/GE, and sets whose SE01 is counted.
struct Synthetic {
    var element = "*"
    var component = ":"
    var repetition = "^"
    var terminator = "~"
    var separator = ""  // written after each terminator (e.g. "\n")
    var interchangeControl = "000000001"
    var groupControl = "1"
    var setControl = "0001"

    /// Segments written with `*` and `:` are rewritten with this builder's element and
    /// component separators.
    func segment(_ text: String) -> String {
        text.replacingOccurrences(of: ":", with: component).replacingOccurrences(of: "*", with: element)
            + terminator + separator
    }

    var isa: String {
        segment("ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*"
            + repetition + "*00501*" + interchangeControl + "*0*P*" + component)
    }

    /// One transaction set around `body` (segments written with `*`), SE01 counted.
    func set(_ body: [String]) -> String {
        segment("ST*835*" + setControl) + body.map(segment).joined()
            + segment("SE*\(body.count + 2)*" + setControl)
    }

    /// A whole interchange of one group holding `sets`.
    func file(sets: [[String]]) -> String {
        isa + segment("GS*HP*SENDER*RECEIVER*20240101*1200*" + groupControl + "*X*005010X221A1")
            + sets.map(set).joined() + segment("GE*\(sets.count)*" + groupControl)
            + segment("IEA*1*" + interchangeControl)
    }

    /// A small balanced payment body: one claim, one line.
    static let body = [
        "BPR*I*80*C*CHK************20240105", "TRN*1*TRACE1*1999999999", "DTM*405*20240104",
        "N1*PR*PAYER ONE*XV*12345", "REF*2U*777", "N1*PE*CLINIC*XX*1234567893",
        "LX*1", "CLP*CLAIM1*1*100*80*10*12*PCN1", "NM1*QC*1*DOE*JANE****MI*M1",
        "SVC*HC:99213:25*100*80**1", "DTM*472*20240102", "CAS*CO*45*10", "CAS*PR*2*10", "AMT*B6*90",
        "LQ*HE*N130",
    ]
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
