import CaseworkDomain
import CaseworkStorage
import CaseworkTestSupport
import CaseworkUseCases
import Synchronization
import Testing

/// A clock the test sets: every use case reads "now" from it.
final class PinnedClock: Sendable {
    private let instant: Mutex<Instant>

    init(_ text: String) { instant = Mutex(Instant(text)!) }

    var now: Instant { instant.withLock { $0 } }

    /// Moves the clock to `text` (RFC 3339).
    func set(_ text: String) { instant.withLock { $0 = Instant(text)! } }
}

/// Ids numbered in the order they are made: `case_t1`, `act_t2`, …
final class NumberedIDs: Sendable {
    private let next = Mutex(1)

    func make(_ kind: String) -> String {
        next.withLock { n in defer { n += 1 }; return "\(kind)_t\(n)" }
    }
}

/// The database a use-case test runs on: an in-memory SQLite database, or a new database on the
/// test process's PostgreSQL server (when PostgreSQL is installed, and always in CI).
enum Driver: String, CustomStringConvertible, CaseIterable {
    case sqlite, postgresql

    var description: String { rawValue }

    /// The drivers to run each test on.
    static var available: [Driver] { TemporaryPostgreSQL.enabled ? [.sqlite, .postgresql] : [.sqlite] }

    func store() throws -> CaseworkStore {
        switch self {
        case .sqlite: try CaseworkStore.inMemory()
        case .postgresql: try CaseworkStore(postgreSQL: try TemporaryPostgreSQL.shared.get().database(), connections: 4)
        }
    }
}

/// A database (see `Driver`) with one organization (Ann and Bo bill, Vic views, team "Appeals"),
/// two payers and denied claims, and `CaseWork` over it at a pinned clock with numbered ids.
struct UseCaseFixture {
    let store: CaseworkStore
    let clock = PinnedClock("2026-06-15T09:30:00Z")
    let ids = NumberedIDs()
    let organizationID: String
    let ann: Caller
    let bo: Caller
    let vic: User
    let team: Team
    let payer: Payer
    let otherPayer: Payer

    init(_ driver: Driver) throws {
        try self.init(store: try driver.store())
    }

    /// The same over `store` (e.g. a file, where readers and the writer are separate connections).
    init(store: CaseworkStore) throws {
        self.store = store
        organizationID = try OrganizationWork(database: store).create(name: "Pinned Billing")
        ann = Caller(user: try UserWork(database: store).add(organizationID: organizationID, name: "Ann", email: "ann@test.dev", role: .biller, actorID: nil), teamIDs: [])
        bo = Caller(user: try UserWork(database: store).add(organizationID: organizationID, name: "Bo", email: "bo@test.dev", role: .biller, actorID: nil), teamIDs: [])
        vic = try UserWork(database: store).add(organizationID: organizationID, name: "Vic", email: "vic@test.dev", role: .viewer, actorID: nil)
        team = try UserWork(database: store).addTeam(organizationID: organizationID, name: "Appeals", memberIDs: [ann.userID], actorID: ann.userID)
        payer = try PayerWork(database: store).add(organizationID: organizationID, name: "Summit", payerID: "S1", kind: .commercial,
                                     timelyFilingDays: 90, appealDays: 60, actorID: nil)
        otherPayer = try PayerWork(database: store).add(organizationID: organizationID, name: "Lakeshore", payerID: "L1", kind: .commercial,
                                          timelyFilingDays: nil, appealDays: nil, actorID: nil)
    }

    /// The pinned clock and numbered ids, for a use case.
    var ambient: Ambient {
        let clock = clock, ids = ids
        return Ambient(now: { clock.now }, newID: { ids.make($0) })
    }

    /// The use cases at the pinned clock, with numbered ids.
    var work: CaseWork { CaseWork(database: store, ambient: ambient) }

    /// The timeline use cases at the pinned clock, with numbered ids.
    var activities: ActivityWork { ActivityWork(database: store, ambient: ambient) }

    /// The work-rule use cases at the pinned clock, with numbered ids.
    var rules: WorkRuleWork { WorkRuleWork(database: store, ambient: ambient) }

    /// The token use cases at the pinned clock, with numbered ids.
    var tokens: TokenWork { TokenWork(database: store, ambient: ambient) }

    /// The claim use cases at the pinned clock, with numbered ids.
    var claims: ClaimWork { ClaimWork(database: store, ambient: ambient) }

    /// The case's revision as stored now.
    func revision(_ caseID: String) throws -> Int {
        try #require(try store.cases.get(organizationID: organizationID, id: caseID)).case.revision
    }

    /// A claim denied in full (CO-16) of `payer` unless another is given; returns its id.
    func claim(_ number: String, payer: Payer? = nil, expected: Int = 10_000, patientID: String? = nil) throws -> String {
        try ClaimWork(database: store).add(organizationID: organizationID, claim: NewClaim(
            claimNumber: number, payerID: (payer ?? self.payer).id, patientID: patientID, serviceStart: Day("2026-03-01"),
            serviceEnd: Day("2026-03-02"), amounts: ClaimAmounts(billed: Cents(expected), expected: Cents(expected), costShare: .zero),
            submissions: [NewSubmission(frequencyCode: .original, submittedOn: Day("2026-03-05"), payerClaimNumber: "P-\(number)")],
            remittances: [Remittance(statusCode: "4", paid: .zero, patientResponsibility: .zero, paidOn: nil,
                                     adjustments: [RemittanceAdjustment(carc: CARC("CO-16")!, amount: Cents(expected), level: .claim)],
                                     remarkCodes: [], sourceFile: nil)]), actorID: nil).claim.id
    }

    /// Opens a case on the claims about missing information (CO-16).
    func open(_ claimIDs: [String], by caller: Caller? = nil, owner: Owner? = nil, followUpBy: Day? = nil) throws -> CaseRecord {
        try work.create(caller: caller ?? ann, newCase: NewCase(
            claims: claimIDs.map { ($0, nil) }, subject: "missing information", carcCodes: [CARC("CO-16")!], followUpBy: followUpBy, owner: owner))
    }

    /// The case's timeline, oldest first.
    func timeline(_ caseID: String) throws -> [Activity] {
        try store.activities.timeline(organizationID: organizationID, caseID: caseID, page: PageRequest(limit: 200)).items.reversed()
    }

    /// The case's audit events, oldest first, as (action, at).
    func history(_ caseID: String) throws -> [(action: String, at: Instant)] {
        try store.audit.caseHistory(organizationID: organizationID, caseID: caseID, page: PageRequest(limit: 200)).items.reversed().map { ($0.action, $0.at) }
    }
}
