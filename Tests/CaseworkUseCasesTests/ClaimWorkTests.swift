import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Testing

/// The claim use cases on each driver with a pinned clock and numbered ids.
@Suite struct ClaimWorkTests {
    static func newClaim(_ number: String, payerID: String, patientID: String? = nil) -> NewClaim {
        NewClaim(claimNumber: number, payerID: payerID, patientID: patientID, serviceStart: Day("2026-03-01"), serviceEnd: nil,
                 amounts: ClaimAmounts(billed: Cents(20_000), expected: Cents(15_000), costShare: .zero),
                 submissions: [NewSubmission(frequencyCode: .original, submittedOn: Day("2026-03-04"), payerClaimNumber: nil)],
                 remittances: [Remittance(statusCode: "4", paid: .zero, patientResponsibility: .zero, paidOn: Day("2026-04-01"),
                                          adjustments: [RemittanceAdjustment(carc: CARC("CO-50")!, amount: Cents(15_000), level: .claim)],
                                          remarkCodes: [], sourceFile: nil)])
    }

    @Test(arguments: Driver.available) func aRecordedClaimCarriesItsDenialItsSubmissionAndThePinnedTime(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let record = try f.claims.add(organizationID: f.organizationID, claim: Self.newClaim("CW-1", payerID: f.payer.id), actorID: f.ann.userID)
        #expect(record.claim.id == "clm_t1" && record.claim.denialReasons == [CARC("CO-50")!])
        #expect(record.submissions.map(\.id) == ["sub_t2"] && record.submissions.map(\.sequence) == [1])
        #expect(record.activeCase == nil)
        let audit = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "claim", entityID: record.claim.id),
                                             page: PageRequest(limit: 5)).items
        #expect(audit.map(\.action) == ["create"] && audit.map(\.at) == [Instant("2026-06-15T09:30:00Z")!])
    }

    @Test(arguments: Driver.available) func refusalsNameTheFieldAndRecordNothing(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        _ = try f.claims.add(organizationID: f.organizationID, claim: Self.newClaim("CW-2", payerID: f.payer.id), actorID: nil)
        #expect(throws: StorageError.duplicate(entity: "claim", field: "claim_number", value: "CW-2")) {
            try f.claims.add(organizationID: f.organizationID, claim: Self.newClaim("CW-2", payerID: f.otherPayer.id), actorID: nil)
        }
        #expect(throws: StorageError.invalidReference(field: "/payer_id", id: "pay_none")) {
            try f.claims.add(organizationID: f.organizationID, claim: Self.newClaim("CW-3", payerID: "pay_none"), actorID: nil)
        }
        #expect(throws: StorageError.invalidReference(field: "/patient_id", id: "pat_none")) {
            try f.claims.add(organizationID: f.organizationID, claim: Self.newClaim("CW-3", payerID: f.payer.id, patientID: "pat_none"), actorID: nil)
        }
        #expect(try f.store.claims.list(organizationID: f.organizationID, filter: ClaimFilter(claimNumber: "CW-3"), page: PageRequest(limit: 5)).items.isEmpty)
    }

    @Test(arguments: Driver.available) func aCorrectionIsAuditedPerAmountAndANoOpWritesNothing(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let claim = try f.claims.add(organizationID: f.organizationID, claim: Self.newClaim("CW-4", payerID: f.payer.id), actorID: nil)
        f.clock.set("2026-06-20T08:00:00Z")
        let corrected = try f.claims.correct(organizationID: f.organizationID, id: claim.claim.id,
                                             correction: ClaimCorrection(expected: Cents(12_000), writeOff: nil), actorID: f.bo.userID)
        #expect(corrected.claim.amounts.expected == Cents(12_000))
        _ = try f.claims.correct(organizationID: f.organizationID, id: claim.claim.id,
                                 correction: ClaimCorrection(expected: Cents(12_000), writeOff: nil), actorID: f.bo.userID)
        let audit = try f.store.audit.events(organizationID: f.organizationID, filter: AuditFilter(entityType: "claim", entityID: claim.claim.id),
                                             page: PageRequest(limit: 5)).items
        #expect(audit.map(\.action) == ["correct", "create"])
        #expect(audit.first?.at == Instant("2026-06-20T08:00:00Z") && audit.first?.actorID == f.bo.userID)
        #expect(throws: StorageError.notFound(entity: "claim", id: "clm_none")) {
            try f.claims.correct(organizationID: f.organizationID, id: "clm_none", correction: ClaimCorrection(expected: Cents(1), writeOff: nil),
                                 actorID: f.bo.userID)
        }
    }

    /// Submissions added at once to one claim each take the next sequence (the claim's lock makes them take turns).
    @Test(arguments: Driver.available) func submissionsAddedAtOnceTakeDistinctSequences(_ driver: Driver) async throws {
        let f = try UseCaseFixture(driver)
        let claim = try f.claims.add(organizationID: f.organizationID, claim: Self.newClaim("CW-5", payerID: f.payer.id), actorID: nil)
        let sequences = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try f.claims.addSubmission(organizationID: f.organizationID, claimID: claim.claim.id, submission: NewSubmission(
                        frequencyCode: .replacement, submittedOn: Day("2026-05-01"), payerClaimNumber: nil), actorID: f.ann.userID).sequence
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sequences.sorted() == Array(2...9))
    }
}
