import ArgumentParser
import CaseworkDomain
import CaseworkStorage

/// `casework demo`: a demo organization with people, synthetic claims and cases in every stage.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a demo organization with users, a team, synthetic denied and partly paid claims and cases in every stage; prints a token.")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "How many synthetic claims to create.")
    var claims: Int = 120

    @Option(help: "How many cases to open (denied claims first).")
    var cases: Int = 60

    @Option(help: "Seed of the generator (same seed, same data).")
    var seed: UInt64 = 2026

    func run() throws {
        let store = try CaseworkStore(path: options.db)
        if let existing = try store.organizations.id(named: options.org),
           let admin = try store.users.find(organizationID: existing, email: "dana@demo.casework.dev") {
            print(try store.tokens.create(organizationID: existing, userID: admin.id, actorID: nil))
            return
        }
        let org = try Organizations.ensure(store, name: options.org)
        var generator = DemoData(store: store, organizationID: org, seed: seed)
        let report = try generator.generate(claimCount: claims, caseCount: cases)
        FileHandle.standardError.write(Data("demo: \(report)\n".utf8))
        print(try store.tokens.create(organizationID: org, userID: report.adminID, actorID: nil))
    }
}

import Foundation
