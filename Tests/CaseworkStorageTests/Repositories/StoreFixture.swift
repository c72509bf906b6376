import CaseworkDomain
import CaseworkUseCases
import Foundation
@testable import CaseworkStorage

/// A fresh database file with one organization, two users, a payer pair and some claims.
final class StoreFixture: Sendable {
    let path: String
    let store: CaseworkStore
    let organizationID: String
    let ann: Caller
    let bo: Caller
    let payer: Payer
    let otherPayer: Payer

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("casework-\(UUID().uuidString).sqlite").path
        store = try CaseworkStore(path: path)
        organizationID = try OrganizationWork(database: store).create(name: "Test Billing")
        let annUser = try UserWork(database: store).add(organizationID: organizationID, name: "Ann", email: "ann@test.dev", role: .biller, actorID: nil)
        let boUser = try UserWork(database: store).add(organizationID: organizationID, name: "Bo", email: "bo@test.dev", role: .biller, actorID: nil)
        ann = Caller(user: annUser, teamIDs: [])
        bo = Caller(user: boUser, teamIDs: [])
        payer = try PayerWork(database: store).add(organizationID: organizationID, name: "Summit", payerID: "S1", kind: .commercial,
                                     timelyFilingDays: 90, appealDays: 60, actorID: nil)
        otherPayer = try PayerWork(database: store).add(organizationID: organizationID, name: "Lakeshore", payerID: "L1", kind: .commercial,
                                          timelyFilingDays: nil, appealDays: nil, actorID: nil)
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A denied claim (paid 0, CO-16) of `payer` unless another is given.
    func claim(_ number: String, payer: Payer? = nil, expected: Int = 10_000, costShare: Int = 0, patientID: String? = nil) throws -> ClaimRecord {
        try store.claimWork.add(organizationID: organizationID, claim: NewClaim(
            claimNumber: number, payerID: (payer ?? self.payer).id, patientID: patientID, serviceStart: Day("2026-03-01"),
            serviceEnd: Day("2026-03-02"), amounts: ClaimAmounts(billed: Cents(expected + 500), expected: Cents(expected), costShare: Cents(costShare)),
            submissions: [NewSubmission(frequencyCode: .original, submittedOn: Day("2026-03-05"), payerClaimNumber: "P-\(number)")],
            remittances: [Remittance(statusCode: "1", paid: .zero, patientResponsibility: Cents(costShare), paidOn: nil,
                                     adjustments: [RemittanceAdjustment(carc: CARC("CO-16")!, amount: Cents(expected), level: .claim)],
                                     remarkCodes: ["N20"], sourceFile: nil)]), actorID: nil)
    }

    func open(_ claims: [ClaimRecord], by caller: Caller? = nil, owner: Owner? = nil) throws -> CaseRecord {
        try store.caseWork.create(caller: caller ?? ann, newCase: NewCase(
            claims: claims.map { ($0.claim.id, nil) }, subject: "missing information", carcCodes: [CARC("CO-16")!], owner: owner))
    }

    func auditCount(_ action: String) throws -> Int {
        try store.database.read { db in
            try db.queryOne("SELECT COUNT(*) AS n FROM audit_events WHERE action = ?", [.text(action)])?.int("n") ?? 0
        }
    }
}

extension CaseworkStore {
    /// The case use cases over this store, at the system's time.
    var caseWork: CaseWork { CaseWork(database: self) }
    /// The timeline use cases over this store, at the system's time.
    var activityWork: ActivityWork { ActivityWork(database: self) }
    /// The claim use cases over this store, at the system's time.
    var claimWork: ClaimWork { ClaimWork(database: self) }
}
