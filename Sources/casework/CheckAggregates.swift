import ArgumentParser
import CaseworkStorage

/// `casework check-aggregates --db FILE` (or `--database URL`): recomputes every aggregate the database keeps up to date
/// on write (each case's total outstanding, cost share outstanding, deadline and appeal deadline;
/// each claim's first submission date; the Case Insights rollups) from the rows it summarises and
/// prints "checked N cases and K claims: M mismatches", then one line per mismatch: "case NUMBER
/// (ID, organization ORG): FIELD stored X, recomputed Y" (or "claim NUMBER …", or "rollup (GROUP,
/// …)"; ids, numbers, codes and figures only, no patient data).
/// Exits 1 when anything differs.
struct CheckAggregates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-aggregates", abstract: "Compare stored case totals, claim aging dates and dashboard rollups with a full recomputation; exit 1 on any difference.")

    @OptionGroup var location: DatabaseLocation

    func run() throws {
        let store = try location.open()
        let (cases, claims, mismatches) = try store.aggregates.run()
        print("checked \(cases) cases and \(claims) claims: \(mismatches.count) mismatches")
        for m in mismatches {
            let name = m.number.isEmpty ? m.entity : "\(m.entity) \(m.number)"
            print("\(name) (\(m.entityID), organization \(m.organizationID)): \(m.field) stored \(m.stored ?? "null"), "
                + "recomputed \(m.recomputed ?? "null")")
        }
        if !mismatches.isEmpty { throw ExitCode(1) }
    }
}
