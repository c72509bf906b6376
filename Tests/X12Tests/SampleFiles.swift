import Foundation
import Testing
@testable import X12

/// The shared sample 835 files (/work/shared/data/x12/835), found from this file's path:
/// Tests/X12Tests → ../../../shared/data/x12/835. A missing folder fails the tests that use
/// it (never a silent skip).
enum SampleFiles {
    static let folder: String = {
        let here = URL(fileURLWithPath: "\(#filePath)")
        return here.deletingLastPathComponent().appendingPathComponent("../../../shared/data/x12/835")
            .standardizedFileURL.path
    }()

    /// The file names, sorted; a recorded issue (and []) when the folder is missing or empty.
    static func names() -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder), !names.isEmpty else {
            Issue.record("sample folder \(folder) is missing or empty")
            return []
        }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// A sample file's bytes; a recorded issue (and []) when it cannot be read.
    static func bytes(_ name: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: folder + "/" + name) else {
            Issue.record("sample file \(name) is missing from \(folder)")
            return []
        }
        return [UInt8](data)
    }

    /// A sample file read whole; a recorded issue (and nil) when it does not read.
    static func read(_ name: String) -> ERAFile? {
        do {
            return try ERAReader.read(bytes(name))
        } catch {
            Issue.record("\(name): \(error)")
            return nil
        }
    }
}

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
