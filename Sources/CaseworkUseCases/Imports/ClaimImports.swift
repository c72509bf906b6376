import CaseworkDomain

/// What an import did. Importing the same file twice adds nothing the second time.
public struct ImportSummary: Sendable, Equatable {
    public var payersAdded = 0
    public var patientsAdded = 0
    public var claimsAdded = 0
    /// Claims whose claim number was already recorded; left as they are.
    public var claimsUnchanged = 0

    public init(payersAdded: Int = 0, patientsAdded: Int = 0, claimsAdded: Int = 0, claimsUnchanged: Int = 0) {
        self.payersAdded = payersAdded; self.patientsAdded = patientsAdded; self.claimsAdded = claimsAdded
        self.claimsUnchanged = claimsUnchanged
    }
}

/// A fixture entry that cannot be stored, named by claim number and field.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public let claimNumber: String
    public let field: String
    public let problem: String
    public var description: String { "claim \(claimNumber): \(field): \(problem)" }
}

/// Importing a claims fixture (`ClaimFixture`): payers and patients by their fixture keys, claims by
/// claim number, in one write transaction of `database` at `ambient`'s time.
public struct ClaimImports: Sendable {
    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Imports a claims fixture in one transaction, the organization's only writer meanwhile. Paid =
    /// Σ CLP04, cost share = Σ CLP05; denial from the CAS codes. Importing the same file again adds nothing.
    /// - Throws: `ImportError` for an entry with a bad date, CARC, frequency code or unknown key
    ///   (nothing is imported then); `StorageError` as `ClaimWork.add`.
    public func importFixture(organizationID: String, fixture: ClaimFixture, actorID: String?) throws -> ImportSummary {
        try database.write { tx in
            try tx.lockOrganization(organizationID: organizationID)
            try tx.expectManyRows()
            var summary = ImportSummary()
            var payerIDs: [String: String] = [:]
            for payer in fixture.payers {
                if let known = try tx.payerID(organizationID: organizationID, importKey: payer.key) {
                    payerIDs[payer.key] = known
                    continue
                }
                payerIDs[payer.key] = try PayerWork.add(tx, ambient, organizationID: organizationID, payer: Payer(
                    id: "", name: payer.name, payerID: payer.payer_id, kind: .other, timelyFilingDays: nil, appealDays: nil),
                    importKey: payer.key, actorID: actorID).id
                summary.payersAdded += 1
            }
            var patientIDs: [String: String] = [:]
            for patient in fixture.patients {
                if let known = try tx.patientID(organizationID: organizationID, importKey: patient.key) {
                    patientIDs[patient.key] = known
                    continue
                }
                patientIDs[patient.key] = try PatientWork.add(tx, ambient, organizationID: organizationID, patient: Patient(
                    id: "", firstName: patient.first_name, lastName: patient.last_name, birthDate: nil, memberID: patient.member_id),
                    importKey: patient.key, actorID: actorID).id
                summary.patientsAdded += 1
            }
            for entry in fixture.claims {
                if try tx.claimNumberTaken(organizationID: organizationID, claimNumber: entry.claim_number) {
                    summary.claimsUnchanged += 1
                    continue
                }
                let claim = try Self.newClaim(entry, payerIDs: payerIDs, patientIDs: patientIDs)
                _ = try ClaimWork.add(tx, ambient, organizationID: organizationID, claim: claim, actorID: actorID)
                summary.claimsAdded += 1
            }
            return summary
        }
    }

    /// Converts one fixture claim into domain values.
    static func newClaim(_ entry: ClaimFixture.Claim, payerIDs: [String: String], patientIDs: [String: String]) throws -> NewClaim {
        func fail(_ field: String, _ problem: String) -> ImportError {
            ImportError(claimNumber: entry.claim_number, field: field, problem: problem)
        }
        func day(_ text: String?, _ field: String) throws -> Day? {
            guard let text else { return nil }
            guard let day = Day(text) else { throw fail(field, "not a YYYY-MM-DD date") }
            return day
        }
        guard let payerID = payerIDs[entry.payer] else { throw fail("payer", "unknown payer key") }
        var patientID: String?
        if let key = entry.patient {
            guard let id = patientIDs[key] else { throw fail("patient", "unknown patient key") }
            patientID = id
        }
        let submissions = try entry.submissions.map { s in
            guard let code = FrequencyCode(rawValue: s.frequency_code) else { throw fail("submissions.frequency_code", "unknown code") }
            return NewSubmission(sequence: s.sequence, frequencyCode: code, submittedOn: try day(s.submitted_on, "submissions.submitted_on"),
                                 payerClaimNumber: s.payer_claim_number)
        }
        let remittances = try entry.remittances.map { r in
            let adjustments = try r.adjustments.map { a in
                guard let group = AdjustmentGroup(rawValue: a.group), let carc = CARC(group: group, code: a.carc) else {
                    throw fail("remittances.adjustments", "bad CARC \(a.group)-\(a.carc)")
                }
                return RemittanceAdjustment(carc: carc, amount: Cents(a.amount_cents),
                                            level: RemittanceAdjustment.Level(rawValue: a.level) ?? .claim)
            }
            return Remittance(statusCode: r.status_code, paid: Cents(r.paid_cents),
                              patientResponsibility: Cents(r.patient_responsibility_cents),
                              paidOn: try day(r.paid_on, "remittances.paid_on"), adjustments: adjustments,
                              remarkCodes: r.remark_codes, sourceFile: r.source_file)
        }
        let amounts = ClaimAmounts(billed: Cents(entry.billed_cents), expected: Cents(entry.expected_cents),
                                   paid: remittances.map(\.paid).sum(),
                                   costShare: remittances.map(\.patientResponsibility).sum())
        return NewClaim(claimNumber: entry.claim_number, payerID: payerID, patientID: patientID,
                        serviceStart: try day(entry.service_start, "service_start"),
                        serviceEnd: try day(entry.service_end, "service_end"),
                        amounts: amounts, submissions: submissions, remittances: remittances)
    }
}
