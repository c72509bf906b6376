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
