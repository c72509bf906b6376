import CaseworkDomain
import CaseworkUseCases
import Foundation
import Testing
@testable import CaseworkStorage

/// Issue 9 item 15: case and claim ages, the aging filter of views and Case Insights' outstanding by bucket.
@Suite struct AgingTests {
    private let today = Day("2026-12-01")!

    private func backdate(_ f: StoreFixture, _ caseID: String, days: Int) throws {
        try f.store.database.write { db in
            try db.execute("UPDATE cases SET created_at = ? WHERE id = ?",
                           [.text("\(today.adding(days: -days))T08:00:00Z"), .text(caseID)])
        }
    }

    @Test func bucketsHoldTheirAgesAndNothingElse() {
        #expect([0, 30, 31, 60, 61, 90, 91, 120, 121, 5000, -3].map { AgingBucket(ageDays: $0).rawValue }
                == ["0-30", "0-30", "31-60", "31-60", "61-90", "61-90", "91-120", "91-120", "120+", "120+", "0-30"])
        #expect(AgingBucket.age(from: Day("2026-11-01")!, to: today) == 30)
    }

    @Test func theViewFilterSelectsCasesByTheDayTheyWereOpened() throws {
        let f = try StoreFixture()
        var opened: [Int: String] = [:]
        for days in [0, 30, 31, 60, 61, 90, 91, 120, 121, 400] {
            let record = try f.open([try f.claim("AG-\(days)")])
            try backdate(f, record.case.id, days: days)
            opened[days] = record.case.id
        }
        for bucket in AgingBucket.allCases {
            let page = try f.store.cases.list(caller: f.ann, query: CaseQuery(view: .all, agingBucket: bucket, today: today),
                                              page: PageRequest(limit: 50))
            let expected = Set(opened.filter { bucket.ages.contains($0.key) }.map(\.value))
            #expect(Set(page.items.map(\.case.id)) == expected, "\(bucket)")
            #expect(page.items.allSatisfy { AgingBucket(ageDays: $0.case.ageDays(today: today)) == bucket })
        }
    }

    @Test func caseInsightsSumsOutstandingByPayerAndTheClaimsOwnAge() throws {
        let f = try StoreFixture()
        func claim(_ number: String, submitted: Day?, service: Day?, expected: Int) throws -> ClaimRecord {
            try f.store.claimWork.add(organizationID: f.organizationID, claim: NewClaim(
                claimNumber: number, payerID: f.payer.id, patientID: nil, serviceStart: service, serviceEnd: nil,
                amounts: ClaimAmounts(billed: Cents(expected), expected: Cents(expected)),
                submissions: submitted.map { [NewSubmission(frequencyCode: .original, submittedOn: $0, payerClaimNumber: nil)] } ?? [],
                remittances: []), actorID: nil)
        }
        let recent = try claim("AO-1", submitted: today.adding(days: -10), service: today.adding(days: -200), expected: 1_000)
        let old = try claim("AO-2", submitted: nil, service: today.adding(days: -95), expected: 2_000)
        let undated = try claim("AO-3", submitted: nil, service: nil, expected: 4_000)
        let older = try claim("AO-4", submitted: today.adding(days: -150), service: nil, expected: 8_000)
        for group in [[recent, old], [undated], [older]] { _ = try f.open(group) }
        let closed = try f.open([try claim("AO-5", submitted: today.adding(days: -5), service: nil, expected: 16_000)])
        _ = try f.store.caseWork.close(caller: f.ann, id: closed.case.id, closing: .cancel, note: nil, expectedRevision: nil)

        let rows = try f.store.dashboards.outstandingByAging(organizationID: f.organizationID, query: CaseInsightsQuery(), today: today)
        #expect(Dictionary(uniqueKeysWithValues: rows.map { ($0.bucket?.rawValue ?? "none", $0.outstanding.amount) })
                == ["0-30": 1_000, "91-120": 2_000, "120+": 8_000, "none": 4_000])
        #expect(rows.allSatisfy { $0.payerID == f.payer.id && $0.payerName == "Summit" && $0.group == nil })
    }

    /// Each bucket's edges (ages 30/31, 60/61, 90/91, 120/121), a start in the future and a claim with no
    /// date, over two payers, two owners (Bo, nobody) and cases with one or two CARCs, read every way the
    /// figure is computed: the claim aging rollups (no split, by owner, by CARC) and the claims themselves
    /// (a creation filter forces them). Every way gives each (group, payer, bucket) the model's sum.
    @Test func everyWayOfReadingAgingPutsEachEdgeInItsBucket() throws {
        let f = try StoreFixture()
        struct Placed { var payerID: String; var owner: Owner?; var carcs: [String]; var bucket: String; var cents: Int }
        var placed: [Placed] = []
        for (index, age) in [-3, 30, 31, 60, 61, 90, 91, 120, 121, nil].enumerated() {
            let cents = 1 << index
            let payer = index.isMultiple(of: 3) ? f.otherPayer : f.payer
            let record = try f.store.claimWork.add(organizationID: f.organizationID, claim: NewClaim(
                claimNumber: "EDGE-\(index)", payerID: payer.id, patientID: nil, serviceStart: nil, serviceEnd: nil,
                amounts: ClaimAmounts(billed: Cents(cents), expected: Cents(cents)),
                submissions: age.map { [NewSubmission(frequencyCode: .original, submittedOn: today.adding(days: -$0), payerClaimNumber: nil)] } ?? [],
                remittances: []), actorID: nil)
            let owner: Owner? = index.isMultiple(of: 2) ? .user(f.bo.userID) : nil
            let carcs = index >= 5 ? ["CO-16", "CO-45"] : ["CO-16"]
            _ = try f.store.caseWork.create(caller: f.ann, newCase: NewCase(
                claims: [(record.claim.id, nil)], subject: "missing information", carcCodes: carcs.map { CARC($0)! }, owner: owner))
            placed.append(Placed(payerID: payer.id, owner: owner, carcs: carcs,
                                 bucket: age.map { AgingBucket(ageDays: $0).rawValue } ?? "none", cents: cents))
        }
        // A paid old claim: its bucket holds a claim and no money (over a rollup the oldest bucket is the
        // group's total less the younger ones, so it must still show as 0, not vanish).
        let paid = try f.store.claimWork.add(organizationID: f.organizationID, claim: NewClaim(
            claimNumber: "EDGE-PAID", payerID: f.otherPayer.id, patientID: nil, serviceStart: today.adding(days: -400), serviceEnd: nil,
            amounts: ClaimAmounts(billed: Cents(0), expected: Cents(0)), submissions: [], remittances: []), actorID: nil)
        _ = try f.store.caseWork.create(caller: f.ann, newCase: NewCase(
            claims: [(paid.claim.id, nil)], subject: "missing information", carcCodes: [CARC("CO-97")!], owner: .user(f.bo.userID)))
        placed.append(Placed(payerID: f.otherPayer.id, owner: .user(f.bo.userID), carcs: ["CO-97"], bucket: "120+", cents: 0))
        #expect(Set(placed.map(\.bucket)) == Set(AgingBucket.allCases.map(\.rawValue) + ["none"]))
        func key(_ group: InsightsGroup?, _ payerID: String, _ bucket: String) -> String { "\(String(describing: group))|\(payerID)|\(bucket)" }
        func model(_ query: CaseInsightsQuery) -> [String: Int] {
            var sums: [String: Int] = [:]
            for claim in placed where (query.payerID.map { $0 == claim.payerID } ?? true)
                && (query.owner.map { $0 == claim.owner } ?? true) && (query.carcCode.map { claim.carcs.contains($0.description) } ?? true) {
                let split = query.drillDown
                let groups: [InsightsGroup?] = switch split {
                case nil: [nil]
                case .owner: [.owner(claim.owner, name: claim.owner == nil ? nil : "Bo")]
                case .carcCode: claim.carcs.map { .carcCode($0) }
                }
                for group in groups { sums[key(group, claim.payerID, claim.bucket), default: 0] += claim.cents }
            }
            return sums
        }
        let early = Day("2000-01-01")!
        let ways: [(String, CaseInsightsQuery)] = [
            ("rollup", CaseInsightsQuery()),
            ("rollup by owner", CaseInsightsQuery(drillDown: .owner)),
            ("rollup by CARC", CaseInsightsQuery(drillDown: .carcCode)),
            ("claims", CaseInsightsQuery(createdAfter: early)),
            ("claims by owner", CaseInsightsQuery(createdAfter: early, drillDown: .owner)),
            ("claims by CARC", CaseInsightsQuery(createdAfter: early, drillDown: .carcCode)),
            ("rollup, one payer, by CARC", CaseInsightsQuery(payerID: f.otherPayer.id, drillDown: .carcCode)),
            ("rollup, one CARC", CaseInsightsQuery(carcCode: CARC("CO-45")!)),
            ("rollup, one owner", CaseInsightsQuery(owner: .user(f.bo.userID))),
            ("claims, one payer, by CARC", CaseInsightsQuery(payerID: f.otherPayer.id, createdAfter: early, drillDown: .carcCode)),
        ]
        for (way, query) in ways {
            let rows = try f.store.dashboards.outstandingByAging(organizationID: f.organizationID, query: query, today: today)
            var found: [String: Int] = [:]
            for row in rows { found[key(row.group, row.payerID, row.bucket?.rawValue ?? "none"), default: 0] += row.outstanding.amount }
            #expect(found == model(query), "\(way)")
            #expect(rows.allSatisfy { $0.payerName == ($0.payerID == f.payer.id ? "Summit" : "Lakeshore") }, "\(way)")
            // Within a group and payer: buckets from the youngest, undated last.
            let order = AgingBucket.allCases.map(\.rawValue) + ["none"]
            for (earlier, later) in zip(rows, rows.dropFirst()) where earlier.group == later.group && earlier.payerID == later.payerID {
                #expect(order.firstIndex(of: earlier.bucket?.rawValue ?? "none")! < order.firstIndex(of: later.bucket?.rawValue ?? "none")!,
                        "\(way)")
            }
        }
    }
}
