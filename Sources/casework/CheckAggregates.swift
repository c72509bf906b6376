import ArgumentParser
import CaseworkStorage

/// `casework check-aggregates --db FILE`: recomputes every aggregate the database keeps up to date
/// on write (each case's total outstanding, cost share outstanding, deadline and appeal deadline)
/// from the rows it summarises and prints "checked N cases: M mismatches", then one line per
/// mismatch: "case NUMBER (ID, organization ORG): FIELD stored X, recomputed Y" (ids and figures
/// only, no patient data). Exits 1 when anything differs.
struct CheckAggregates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-aggregates", abstract: "Compare the stored case totals with a full recomputation; exit 1 on any difference.")

    @Option(help: "SQLite database file.")
    var db: String

    func run() throws {
        let store = try CaseworkStore(path: db)
        let (cases, mismatches) = try store.aggregates.run()
        print("checked \(cases) cases: \(mismatches.count) mismatches")
        for m in mismatches {
            print("case \(m.caseNumber) (\(m.caseID), organization \(m.organizationID)): \(m.field) stored \(m.stored ?? "null"), "
                + "recomputed \(m.recomputed ?? "null")")
        }
        if !mismatches.isEmpty { throw ExitCode(1) }
    }
}
