import ArgumentParser
import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases

/// `casework import-claims`: load the claims fixture format (payers, patients, claims, submissions, remittances).
struct ImportClaims: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import-claims", abstract: "Import claims from a remittance-claims JSON file; re-importing changes nothing.")

    @OptionGroup var options: DatabaseOptions

    @Argument(help: "Path of the claims JSON file.")
    var path: String

    func run() throws {
        let store = try options.location.open()
        let org = try Organizations.ensure(store, name: options.org)
        let summary = try ClaimImports(database: store).importFixture(organizationID: org, fixture: ClaimFixture.load(path: path), actorID: nil)
        print("imported \(summary.claimsAdded) claims (\(summary.claimsUnchanged) already present), \(summary.payersAdded) payers, \(summary.patientsAdded) patients")
    }
}

/// `casework orgs add`.
struct Orgs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage organizations.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an organization; prints its id.")
        @OptionGroup var location: DatabaseLocation
        @Option(help: "Organization name.") var name: String

        func run() throws {
            print(try OrganizationWork(database: location.open()).create(name: name))
        }
    }
}

/// `casework users add`.
struct Users: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage users.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; prints their id.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "E-mail address (unique in the organization).") var email: String
        @Option(help: "Display name.") var name: String
        @Option(help: "admin, biller or viewer.") var role: String = "admin"

        func run() throws {
            guard let email = EmailAddress.normalized(email) else { throw ValidationError("--email is not an e-mail address.") }
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be admin, biller or viewer.") }
            let store = try options.location.open()
            let org = try Organizations.ensure(store, name: options.org)
            print(try UserWork(database: store).add(organizationID: org, name: name, email: email, role: role, actorID: nil).id)
        }
    }
}

/// `casework tokens create`.
struct Tokens: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage bearer tokens.", subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a bearer token for a user; prints it once (only its hash is stored).")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The user's e-mail address.") var email: String

        func run() throws {
            let store = try options.location.open()
            guard let org = try store.organizations.id(named: options.org) else { throw ValidationError("No organization named \(options.org).") }
            guard let normalized = EmailAddress.normalized(email),
                  let user = try store.users.find(organizationID: org, email: normalized) else {
                throw ValidationError("No user with e-mail \(email) in \(options.org).")
            }
            print(try TokenWork(database: store).issue(organizationID: org, userID: user.id, actorID: nil).token)
        }
    }
}

/// Organization lookup shared by the commands.
enum Organizations {
    /// The id of the organization named `name`, created when absent.
    static func ensure(_ store: CaseworkStore, name: String) throws -> String {
        if let id = try store.organizations.id(named: name) { return id }
        return try OrganizationWork(database: store).create(name: name)
    }
}
