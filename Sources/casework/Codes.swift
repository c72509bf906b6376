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
        @OptionGroup var location: DatabaseLocation
        @Argument(help: "Path of the code list file (UTF-8, tab-separated).") var path: String

        /// A problem with the file, not with how the command was called: the message, exit status 1, no usage text.
        func refuse(_ message: String) -> ExitCode {
            FileHandle.standardError.write(Data("\(path): \(message)\n".utf8))
            return ExitCode(1)
        }

        func run() throws {
            guard let data = FileManager.default.contents(atPath: path) else { throw refuse("cannot be read") }
            guard let text = String(data: data, encoding: .utf8) else { throw refuse("is not UTF-8 text; nothing was imported") }
            let list: CodeList
            do {
                list = try CodeListFile.parse(text)
            } catch {
                throw refuse("not imported:\n" + error.problems.map { "  \($0)" }.joined(separator: "\n"))
            }
            let summary = try location.open().codes.replace(list)
            print("imported \(summary.count) \(summary.kind.rawValue.uppercased()) codes (\(summary.source); \(summary.date))")
        }
    }
}
