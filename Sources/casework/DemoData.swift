import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases

/// Deterministic synthetic data for demos and benchmarks: payers, patients, claims with
/// CARC-coded denials and partial payments, cases over every stage and status, and timeline
/// entries (notes, draft e-mails, tasks, appointments). Written in one transaction.
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

    /// Creates the people, `claimCount` claims and up to `caseCount` cases (denied claims first).
    mutating func generate(claimCount: Int, caseCount: Int) throws -> Report {
        let org = organizationID
        let admin = try UserWork(database: store).add(organizationID: org, name: "Dana Admin", email: "dana@demo.casework.dev", role: .admin, actorID: nil)
        let biller = try UserWork(database: store).add(organizationID: org, name: "Sam Biller", email: "sam@demo.casework.dev", role: .biller, actorID: nil)
        let second = try UserWork(database: store).add(organizationID: org, name: "Lee Follow-up", email: "lee@demo.casework.dev", role: .biller, actorID: nil)
        let team = try UserWork(database: store).addTeam(organizationID: org, name: "Denials Team", memberIDs: [biller.id, second.id], actorID: admin.id)
        let callers = [Caller(user: biller, teamIDs: [team.id]), Caller(user: second, teamIDs: [team.id]), Caller(user: admin, teamIDs: [])]
        let report = try BulkLoad.run(on: store) { bulk in
            try fill(bulk, claimCount: claimCount, caseCount: caseCount, callers: callers, teamID: team.id)
        }
        return Report(adminID: admin.id, claims: report.claims, cases: report.cases)
    }

    private mutating func fill(_ bulk: BulkLoad, claimCount: Int, caseCount: Int, callers: [Caller], teamID: String) throws -> Report {
        let org = organizationID
        var report = Report()
        let payers = try Self.payerNames.map { try bulk.addPayer(organizationID: org, ($0.0, $0.1, $0.2)) }
        var patients: [Patient] = []
        for index in 0..<max(40, claimCount / 25) {
            patients.append(try bulk.addPatient(
                organizationID: org, firstName: Self.firstNames[index % 10], lastName: Self.lastNames[(index / 10 + index) % 10],
                birthDate: Day(year: 1940 + random.below(60), month: 1 + random.below(12), day: 1 + random.below(28)),
                memberID: "DM\(100_000 + index)"))
        }
        var claims: [(id: String, denial: Int?)] = []
        for index in 0..<claimCount {
            let billed = 5_000 + random.below(195_000)
            let expected = billed * (55 + random.below(35)) / 100
            let denial: Int? = random.below(100) < 45 ? random.below(Self.denials.count) : nil
            let paid = denial != nil ? 0 : expected * random.below(90) / 100
            let costShare = denial != nil ? 0 : min(expected - paid, random.below(5_000))
            let start = Day(year: 2026, month: 1, day: 5)!.adding(days: random.below(300))
            var adjustments = [RemittanceAdjustment(carc: CARC("CO-45")!, amount: Cents(billed - expected), level: .line)]
            if let denial { adjustments.append(RemittanceAdjustment(carc: CARC(Self.denials[denial].carc)!, amount: Cents(expected), level: .claim)) }
            if costShare > 0 { adjustments.append(RemittanceAdjustment(carc: CARC("PR-2")!, amount: Cents(costShare), level: .line)) }
            let id = try bulk.addClaim(organizationID: org, NewClaim(
                claimNumber: "DEMO-\(String(100_000 + index))", payerID: payers[random.below(payers.count)].id,
                patientID: patients[random.below(patients.count)].id, serviceStart: start, serviceEnd: start.adding(days: random.below(3)),
                amounts: ClaimAmounts(billed: Cents(billed), expected: Cents(expected), paid: Cents(paid), costShare: Cents(costShare)),
                submissions: [NewSubmission(frequencyCode: .original, submittedOn: start.adding(days: 7), payerClaimNumber: "PCN\(700_000 + index)")],
                remittances: [Remittance(statusCode: denial != nil ? "4" : "1", paid: Cents(paid), patientResponsibility: Cents(costShare),
                                         paidOn: start.adding(days: 30), adjustments: adjustments, remarkCodes: denial != nil ? ["N20"] : [],
                                         sourceFile: nil)]))
            claims.append((id, denial))
            report.claims += 1
        }
        let ordered = claims.filter { $0.denial != nil } + claims.filter { $0.denial == nil }
        let today = Instant.now().day
        for (index, claim) in ordered.prefix(caseCount).enumerated() {
            let caller = callers[index % callers.count]
            let reason = Self.denials[claim.denial ?? random.below(Self.denials.count)]
            let subject = claim.denial == nil ? "underpayment" : reason.subject
            let owner: Owner = index % 4 == 0 ? .team(teamID) : .user(caller.userID)
            let created = try bulk.openCase(caller: caller, NewCase(
                claims: [(claim.id, nil)], subject: subject, tags: index % 3 == 0 ? ["appeal"] : [],
                carcCodes: [CARC(reason.carc)!], description: "Payer answered with \(reason.carc); follow up.",
                followUpBy: today.adding(days: random.below(30) - 10), priority: [Priority.low, .normal, .normal, .high][random.below(4)],
                owner: owner))
            let id = created.case.id
            report.cases += 1
            if index % 5 == 0 {
                try bulk.addActivity(caller: caller, caseID: id, NewActivity(subject: "Call payer about \(reason.carc)", body: "",
                                                                             details: .task(dueOn: today.adding(days: random.below(14)), assigneeID: caller.userID, state: .open)))
            }
            if index % 7 == 0 {
                try bulk.addActivity(caller: caller, caseID: id, NewActivity(subject: "Appeal letter", body: "Draft of the appeal.",
                                                                             details: .email(direction: .outbound, state: .draft)))
            }
            switch index % 6 {
            case 1: try bulk.update(caller: caller, caseID: id, CaseChanges(stage: .inProgress))
            case 2: try bulk.update(caller: caller, caseID: id, CaseChanges(stage: .awaitingPayment))
            case 3: try bulk.close(caller: caller, caseID: id, .resolve(resolvedCarcCodes: [CARC(reason.carc)!]), note: "Corrected claim paid.")
            case 4: try bulk.close(caller: caller, caseID: id, .cancel, note: "Written off.")
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
