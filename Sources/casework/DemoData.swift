import CaseworkDomain
import CaseworkStorage

/// Deterministic synthetic data for demos: payers, patients, claims with CARC-coded denials and
/// partial payments, and cases spread over every stage and status.
struct DemoData {
    struct Report: CustomStringConvertible {
        var adminID = ""
        var claims = 0
        var cases = 0
        var description: String { "\(claims) claims, \(cases) cases" }
    }

    let store: CaseworkStore
    let organizationID: String
    var random: SplitMix64

    init(store: CaseworkStore, organizationID: String, seed: UInt64) {
        self.store = store; self.organizationID = organizationID; random = SplitMix64(seed: seed)
    }

    static let payerNames: [(String, String, PayerKind)] = [
        ("Medicare Part B (Jurisdiction 15)", "15202", .medicare), ("Ohio Medicaid", "MCDOH", .medicaid),
        ("Summit Health Plan", "SHP01", .commercial), ("Lakeshore Mutual", "LKM77", .commercial),
        ("Great Plains Benefit Trust", "GPBT9", .other),
    ]
    static let firstNames = ["Avery", "Jordan", "Riley", "Morgan", "Quinn", "Rowan", "Emerson", "Harper", "Sage", "Reese"]
    static let lastNames = ["Lindqvist", "Okafor", "Brennan", "Castillo", "Nakamura", "Whitfield", "Duarte", "Kowalski", "Abbott", "Ferreira"]
    static let denials: [(carc: String, subject: String)] = [
        ("CO-16", "missing information"), ("CO-29", "timely filing"), ("CO-197", "authorization"), ("CO-18", "duplicate claim"),
        ("CO-50", "medical necessity"), ("CO-96", "service not covered"), ("CO-22", "coordination of benefits"),
        ("CO-27", "eligibility"), ("CO-4", "coding error"), ("OA-18", "duplicate claim"),
    ]

    mutating func generate(claimCount: Int) throws -> Report {
        var report = Report()
        let org = organizationID
        let admin = try store.users.add(organizationID: org, name: "Dana Admin", email: "dana@demo.casework.dev", role: .admin, actorID: nil)
        let biller = try store.users.add(organizationID: org, name: "Sam Biller", email: "sam@demo.casework.dev", role: .biller, actorID: nil)
        let second = try store.users.add(organizationID: org, name: "Lee Follow-up", email: "lee@demo.casework.dev", role: .biller, actorID: nil)
        let team = try store.users.addTeam(organizationID: org, name: "Denials Team", memberIDs: [biller.id, second.id], actorID: admin.id)
        report.adminID = admin.id
        let payers = try Self.payerNames.map { try store.payers.add(organizationID: org, name: $0.0, payerID: $0.1, kind: $0.2,
                                                                   timelyFilingDays: 365, appealDays: 120, actorID: admin.id) }
        var patients: [Patient] = []
        for index in 0..<40 {
            patients.append(try store.patients.add(
                organizationID: org, firstName: Self.firstNames[index % 10], lastName: Self.lastNames[(index / 10 + index) % 10],
                birthDate: Day(year: 1940 + random.below(60), month: 1 + random.below(12), day: 1 + random.below(28)),
                memberID: "DM\(100_000 + index)", actorID: admin.id))
        }
        var denied: [(claim: Claim, denial: Int)] = []
        for index in 0..<claimCount {
            let billed = 5_000 + random.below(195_000)
            let expected = billed * (55 + random.below(35)) / 100
            let isDenied = random.below(100) < 45
            let denial = random.below(Self.denials.count)
            let paid = isDenied ? 0 : expected * random.below(90) / 100
            let costShare = isDenied ? 0 : min(expected - paid, random.below(5_000))
            let start = Day(year: 2026, month: 1, day: 5).map { $0.adding(days: random.below(300)) }
            var adjustments = [RemittanceAdjustment(carc: CARC("CO-45")!, amount: Cents(billed - expected), level: .line)]
            if isDenied { adjustments.append(RemittanceAdjustment(carc: CARC(Self.denials[denial].carc)!, amount: Cents(expected), level: .claim)) }
            if costShare > 0 { adjustments.append(RemittanceAdjustment(carc: CARC("PR-2")!, amount: Cents(costShare), level: .line)) }
            let record = try store.claims.add(organizationID: org, claim: NewClaim(
                claimNumber: "DEMO-\(String(100_000 + index))", payerID: payers[random.below(payers.count)].id,
                patientID: patients[random.below(patients.count)].id, serviceStart: start, serviceEnd: start?.adding(days: random.below(3)),
                amounts: ClaimAmounts(billed: Cents(billed), expected: Cents(expected), paid: Cents(paid), costShare: Cents(costShare)),
                submissions: [NewSubmission(frequencyCode: .original, submittedOn: start?.adding(days: 7), payerClaimNumber: "PCN\(700_000 + index)")],
                remittances: [Remittance(statusCode: isDenied ? "4" : "1", paid: Cents(paid), patientResponsibility: Cents(costShare),
                                         paidOn: start?.adding(days: 30), adjustments: adjustments, remarkCodes: isDenied ? ["N20"] : [],
                                         sourceFile: nil)]), actorID: admin.id)
            report.claims += 1
            if isDenied { denied.append((record.claim, denial)) }
        }
        let callers = [biller, second, admin].map { Caller(user: $0, teamIDs: $0.id == admin.id ? [] : [team.id]) }
        for (index, item) in denied.enumerated() {
            let caller = callers[index % callers.count]
            let reason = Self.denials[item.denial]
            let owner: Owner = index % 4 == 0 ? .team(team.id) : .user(caller.userID)
            let created = try store.cases.create(caller: caller, newCase: NewCase(
                claims: [(item.claim.id, nil)], subject: reason.subject, tags: index % 3 == 0 ? ["appeal"] : [],
                carcCodes: [CARC(reason.carc)!], description: "Payer denied with \(reason.carc); follow up.",
                followUpBy: Instant.now().day.adding(days: random.below(30) - 10),
                priority: [Priority.low, .normal, .normal, .high][random.below(4)], owner: owner))
            report.cases += 1
            switch index % 6 {
            case 1: _ = try store.cases.update(caller: caller, id: created.case.id, changes: CaseChanges(stage: .inProgress), expectedRevision: nil)
            case 2: _ = try store.cases.update(caller: caller, id: created.case.id, changes: CaseChanges(stage: .awaitingPayment), expectedRevision: nil)
            case 3: _ = try store.cases.close(caller: caller, id: created.case.id, closing: .resolve(resolvedCarcCodes: [CARC(reason.carc)!]),
                                              note: "Corrected claim paid.", expectedRevision: nil)
            case 4: _ = try store.cases.close(caller: caller, id: created.case.id, closing: .cancel, note: "Written off.", expectedRevision: nil)
            default: break
            }
        }
        return report
    }
}

/// A small deterministic generator (SplitMix64), so demo data is the same for the same seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A value in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
