import Testing
@testable import X12

/// The shared sample 835 files (/work/shared/data/x12/835, found from this file's path).
enum SampleFiles {
    /// The folder of sample files: Tests/X12Tests → ../../../shared/data/x12/835.
    static let folder: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)  // SampleFiles.swift, X12Tests, Tests
        parts.removeLast()   // main (the project folder)
        return (parts + ["shared", "data", "x12", "835"]).joined(separator: "/")
    }()
}
