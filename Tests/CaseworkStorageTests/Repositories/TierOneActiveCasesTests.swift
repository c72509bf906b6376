import CaseworkDomain
import CaseworkUseCases
import Foundation
import Testing
@testable import CaseworkStorage

@Suite struct TierOneActiveCasesTests {
    /// A case made for the list: its follow-up date and creation instant, and whether it is still active.
    private struct Made {
        let id: String
        let followUp: String?
        let createdAt: String
        let active: Bool
    }

    /// Tier 1's "active cases created in the period, follow-up date first" is read either by walking
    /// the active cases in that order (a period holding most of them) or from the period's range of
    /// creation times, sorted (a period holding few): both give the first page of the same order —
    /// follow-up date (undated last), then creation time, then id — and the same total.
    @Test func bothWaysOfReadingGiveTheSameFirstPage() throws {
        let f = try StoreFixture()
        let plan: [(followUp: String?, createdAt: String, resolve: Bool)] = [
            ("2026-12-20", "2026-02-01T10:00:00Z", false), (nil, "2026-01-05T10:00:00Z", false),
            ("2026-12-10", "2026-03-01T10:00:00Z", false), ("2026-12-10", "2026-01-01T10:00:00Z", false),
            ("2026-12-01", "2026-04-01T10:00:00Z", true), ("2026-12-15", "2026-05-01T10:00:00Z", false),
            (nil, "2026-01-01T09:00:00Z", false), ("2026-12-30", "2026-06-01T10:00:00Z", false),
            ("2026-12-02", "2026-07-01T10:00:00Z", false),
            // Created the year before: the period of 2025 holds few of the active cases.
            ("2026-12-25", "2025-06-01T10:00:00Z", false), ("2026-11-01", "2025-07-01T10:00:00Z", true),
            (nil, "2025-08-01T10:00:00Z", false),
        ]
        var made: [Made] = []
        for (index, entry) in plan.enumerated() {
            let record = try f.open([try f.claim("A1-\(index)")])
            try f.store.database.write { db in
                try db.execute("UPDATE cases SET follow_up_by = ?, created_at = ? WHERE id = ?",
                               [entry.followUp.map(SQLValue.text) ?? .null, .text(entry.createdAt), .text(record.case.id)])
            }
            if entry.resolve {
                _ = try f.store.caseWork.close(caller: f.ann, id: record.case.id, closing: .resolve(resolvedCarcCodes: nil),
                                            note: nil, expectedRevision: nil)
            }
            made.append(Made(id: record.case.id, followUp: entry.followUp, createdAt: entry.createdAt, active: !entry.resolve))
        }
        func expected(_ from: String?, _ to: String?, limit: Int) -> (total: Int, ids: [String]) {
            let chosen = made.filter { case_ in
                case_.active && from.map { case_.createdAt >= "\($0)T00:00:00Z" } ?? true
                    && to.map { case_.createdAt <= "\($0)T23:59:59Z" } ?? true
            }.sorted { ($0.followUp ?? "9999-12-31", $0.createdAt, $0.id) < ($1.followUp ?? "9999-12-31", $1.createdAt, $1.id) }
            return (chosen.count, Array(chosen.prefix(limit).map(\.id)))
        }
        // Whole history and 2026: most active cases are in the period (walked in order); 2025: two of
        // ten (its range, sorted); 2024: none.
        for (from, to) in [(nil, nil), ("2026-01-01", "2026-12-31"), ("2025-01-01", "2025-12-31"), ("2024-01-01", "2024-12-31")] as [(String?, String?)] {
            for limit in [1, 3, 20] {
                let tier = try f.store.dashboards.tierOne(caller: f.ann, period: Period(from: from.flatMap(Day.init), to: to.flatMap(Day.init)),
                                                          listLimit: limit)
                let want = expected(from, to, limit: limit)
                #expect(tier.activeCases.total == want.total, "\(String(describing: from)) \(limit)")
                #expect(tier.activeCases.items.map(\.case.id) == want.ids, "\(String(describing: from)) \(limit)")
            }
        }
    }

    /// The way is chosen by the entries each would read: a period holding most active cases is walked,
    /// one holding few is read by its range, and an empty one is never walked.
    @Test func theCheaperWayIsChosen() {
        #expect(TierOne.walksActiveInOrder(limit: 10, allActive: 133_000, activeInPeriod: 133_000, casesInPeriod: 200_000))
        #expect(TierOne.walksActiveInOrder(limit: 10, allActive: 133_000, activeInPeriod: 1_000, casesInPeriod: 2_000))
        #expect(!TierOne.walksActiveInOrder(limit: 10, allActive: 133_000, activeInPeriod: 50, casesInPeriod: 80))
        #expect(!TierOne.walksActiveInOrder(limit: 10, allActive: 133_000, activeInPeriod: 0, casesInPeriod: 0))
        // The fixture above: limits 1 and 3 walk the whole history and 2026; 2025 is always read by its range.
        #expect(TierOne.walksActiveInOrder(limit: 3, allActive: 10, activeInPeriod: 8, casesInPeriod: 9))
        #expect(!TierOne.walksActiveInOrder(limit: 20, allActive: 10, activeInPeriod: 10, casesInPeriod: 12))
        #expect(!TierOne.walksActiveInOrder(limit: 1, allActive: 10, activeInPeriod: 2, casesInPeriod: 3))
    }
}
