import ArgumentParser
import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases

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
        let store = try options.location.open()
        if let existing = try store.organizations.id(named: options.org),
           let admin = try store.users.find(organizationID: existing, email: "dana@demo.casework.dev") {
            print(try TokenWork(database: store).issue(organizationID: existing, userID: admin.id, actorID: nil).token)
            return
        }
        let org = try Organizations.ensure(store, name: options.org)
        var generator = DemoData(store: store, organizationID: org, seed: seed)
        let report = try generator.generate(claimCount: claims, caseCount: cases)
        FileHandle.standardError.write(Data("demo: \(report)\n".utf8))
        try Self.addRules(store, organizationID: org)
        print(try TokenWork(database: store).issue(organizationID: org, userID: report.adminID, actorID: nil).token)
    }

    /// Three work rules, so that posting 835 files (`make run`) opens cases by itself: timely
    /// filing denials to Lee at high priority; missing-information denials grouped into one case
    /// per payer for the Denials Team; any other denial of $100 or more to the team.
    static func addRules(_ store: CaseworkStore, organizationID org: String) throws {
        guard try store.rules.list(organizationID: org).isEmpty,
              let lee = try store.users.find(organizationID: org, email: "lee@demo.casework.dev"),
              let team = try store.users.listTeams(organizationID: org, page: PageRequest(limit: 10)).items.first(where: { $0.name == "Denials Team" })
        else { return }
        let rules = [
            WorkRuleInput(name: "Timely filing to Lee", position: 1, payerID: nil, category: "timely filing", carc: nil, minimumDeniedAmount: nil,
                          action: .openCase, owner: .user(lee.id), priority: .high, followUpDays: 7),
            WorkRuleInput(name: "Missing information, one case per payer", position: 2, payerID: nil, category: "missing information", carc: nil,
                          minimumDeniedAmount: nil, action: .addToPayerCase, owner: .team(team.id), priority: .normal, followUpDays: 14),
            WorkRuleInput(name: "Denials of $100 or more", position: 3, payerID: nil, category: nil, carc: nil, minimumDeniedAmount: Cents(10_000),
                          action: .openCase, owner: .team(team.id), priority: .normal, followUpDays: 10),
        ]
        let work = WorkRuleWork(database: store)
        for rule in rules { _ = try work.add(caller: Caller(user: lee, teamIDs: []), input: rule) }
    }
}

import Foundation
