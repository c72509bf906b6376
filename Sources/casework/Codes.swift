import ArgumentParser
import CaseworkDomain
import CaseworkStorage
import Foundation

/// `casework codes import FILE`: replaces the stored CARC or RARC list with a code list file.
struct Codes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage the CARC and RARC code lists.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a code list with FILE (its `# list:` line says which); all of it or, on any problem, none.",
            discussion: "Format: `# list: carc|rarc`, `# source: ...`, `# date: ...`, the tab-separated column line code, description, starts_on, stops_on, then one code per line.")
        @Option(help: "SQLite database file.") var db: String
        @Argument(help: "Path of the code list file (UTF-8, tab-separated).") var path: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("Cannot read \(path).") }
            guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(path) is not UTF-8 text.") }
            let list: CodeList
            do {
                list = try CodeListFile.parse(text)
            } catch {
                throw ValidationError("\(path) was not imported:\n" + error.problems.map { "  \($0)" }.joined(separator: "\n"))
            }
            let summary = try CaseworkStore(path: db).codes.replace(list)
            print("imported \(summary.count) \(summary.kind.rawValue.uppercased()) codes (\(summary.source); \(summary.date))")
        }
    }
}
