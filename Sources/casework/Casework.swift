import ArgumentParser

/// The `casework` command: serve the API and administer its database.
@main
struct Casework: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casework",
        abstract: "Denial and outstanding-balance cases for medical billing, over HTTP.",
        subcommands: [Serve.self, ImportClaims.self, Import835.self, Orgs.self, Users.self, Tokens.self, Demo.self, Read835.self, Codes.self, CheckAggregates.self]
    )
}

/// Options every database command shares.
struct DatabaseOptions: ParsableArguments {
    @OptionGroup var location: DatabaseLocation

    @Option(help: "Organization name (created if absent).")
    var org: String = "Demo Billing"
}
