import ArgumentParser
import CaseworkAPI
import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Foundation
import X12

/// `casework import-835`: posts X12 835 files through the same path as `POST /v1/remittances`.
struct Import835: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-835",
        abstract: "Post X12 835 remittance files to the organization's claims (each file whole or not at all); one summary line per file.")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "E-mail of the user the postings are attributed to (default: the organization's automatic posting user, created when absent).")
    var email: String?

    @Argument(help: "835 files to post, in order.")
    var paths: [String]

    /// The user postings are attributed to when no --email is given.
    static let postingUserEmail = "remittance-posting@casework.invalid"

    func run() throws {
        let store = try options.location.open()
        let org = try Organizations.ensure(store, name: options.org)
        let caller = try Self.caller(store, organizationID: org, email: email)
        var failed = false
        for path in paths {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                FileHandle.standardError.write(Data("\(path): cannot be opened\n".utf8))
                failed = true
                continue
            }
            defer { try? handle.close() }
            do {
                let result = try RemittancePosting(database: store).post(caller: caller, sourceName: (path as NSString).lastPathComponent,
                                                        today: OrganizationClock.today(timeZone: caller.timeZone)) {
                    let chunk = try handle.read(upToCount: 65_536) ?? Data()
                    return chunk.isEmpty ? nil : [UInt8](chunk)
                }
                print("\(path): \(Self.line(result))")
            } catch let error as X12Error {
                FileHandle.standardError.write(Data("\(path): not posted: \(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// "3 payments (1 duplicate), 12 claims matched, 4 created, 2 reversals, 5 denials, 2 cases opened, 1 updated, 1 imbalance, 0 warnings".
    static func line(_ result: FilePostingResult) -> String {
        let p = result.payments
        let fresh = p.filter { !$0.duplicate }
        return [
            counted(p.count, "payment") + " (" + counted(p.count - fresh.count, "duplicate") + ")",
            counted(fresh.map(\.claimsMatched).reduce(0, +), "claim") + " matched", "\(fresh.map(\.claimsCreated).reduce(0, +)) created",
            counted(fresh.map(\.reversals).reduce(0, +), "reversal"), counted(fresh.map(\.denials.count).reduce(0, +), "denial"),
            counted(fresh.map(\.casesOpened.count).reduce(0, +), "case") + " opened", "\(fresh.map(\.casesUpdated.count).reduce(0, +)) updated",
            counted(fresh.map(\.imbalances.count).reduce(0, +), "imbalance"),
            counted(result.warnings.count + fresh.map(\.warnings.count).reduce(0, +), "warning"),
        ].joined(separator: ", ")
    }

    /// The user named by `email`, or the organization's automatic posting user (a biller, created when absent).
    static func caller(_ store: CaseworkStore, organizationID: String, email: String?) throws -> Caller {
        let timeZone = try store.organizations.settings(organizationID: organizationID).timeZone
        if let email {
            guard let normalized = EmailAddress.normalized(email), let user = try store.users.find(organizationID: organizationID, email: normalized) else {
                throw ValidationError("No user with e-mail \(email) in the organization.")
            }
            return Caller(user: user, teamIDs: [], timeZone: timeZone)
        }
        let user = try store.users.find(organizationID: organizationID, email: postingUserEmail)
            ?? UserWork(database: store).add(organizationID: organizationID, name: "Remittance posting", email: postingUserEmail, role: .biller, actorID: nil)
        return Caller(user: user, teamIDs: [], timeZone: timeZone)
    }
}
