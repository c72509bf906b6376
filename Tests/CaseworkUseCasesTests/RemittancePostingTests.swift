import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Foundation
import Testing
import X12

/// Posting a shared 835 file on each driver at a pinned clock: whole, once, or not at all.
@Suite struct RemittancePostingTests {
    /// `X221-multiple-claims-single-check.edi` of the shared samples (../shared beside the repository).
    static func sample() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/data/x12/835/X221-multiple-claims-single-check.edi")
        return Array(try Data(contentsOf: url))
    }

    func posting(_ f: UseCaseFixture) -> RemittancePosting {
        RemittancePosting(database: f.store, ambient: f.ambient)
    }

    func payments(_ f: UseCaseFixture) throws -> [String] {
        try f.store.remittances.list(organizationID: f.organizationID, filter: RemittanceFilter(), page: PageRequest(limit: 50)).items.map(\.id)
    }

    @Test(arguments: Driver.available) func aFileIsPostedOnceAtTheClocksTimeAndARepeatIsADuplicate(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let bytes = try Self.sample()
        let first = try posting(f).post(caller: f.ann, sourceName: "x221.edi", today: Day("2026-06-15")!, bytes: bytes)
        let summary = try #require(first.payments.first)
        #expect(first.payments.count == 1 && !summary.duplicate && first.postedAnything)
        #expect(summary.traceNumber == "12345" && summary.totalPaymentCents == 81_080 && summary.claimsCreated > 0)
        #expect(try payments(f) == [summary.remittanceId])
        let audit = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "remittance"),
                                             page: PageRequest(limit: 5)).items
        #expect(audit.map(\.action) == ["post"] && audit.map(\.at) == [Instant("2026-06-15T09:30:00Z")!])

        f.clock.set("2026-06-16T10:00:00Z")
        let again = try posting(f).post(caller: f.bo, sourceName: "x221-again.edi", today: Day("2026-06-16")!, bytes: bytes)
        #expect(again.payments.map(\.duplicate) == [true] && !again.postedAnything)
        #expect(again.payments.first?.remittanceId == summary.remittanceId)
        #expect(try payments(f) == [summary.remittanceId])
    }

    @Test(arguments: Driver.available) func aDamagedFilePostsNothing(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let bytes = try Self.sample()
        // A whole interchange (one payment, which posts by itself: see above), then a second one cut short.
        let cut = bytes + Array(bytes.prefix(bytes.count * 2 / 3))
        #expect(throws: X12Error.self) { try posting(f).post(caller: f.ann, sourceName: nil, today: Day("2026-06-15")!, bytes: cut) }
        #expect(try payments(f).isEmpty)
        #expect(try f.store.claims.list(organizationID: f.organizationID, filter: ClaimFilter(claimNumber: "7722337"),
                                        page: PageRequest(limit: 5)).items.isEmpty)
    }
}
