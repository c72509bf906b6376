import CaseworkDomain
import CaseworkUseCases

/// What an import did. Importing the same file twice adds nothing the second time.
public struct ImportSummary: Sendable, Equatable {
    public var payersAdded = 0
    public var patientsAdded = 0
    public var claimsAdded = 0
    /// Claims whose claim number was already recorded; left as they are.
    public var claimsUnchanged = 0
}

/// A fixture entry that cannot be stored, named by claim number and field.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public let claimNumber: String
    public let field: String
    public let problem: String
    public var description: String { "claim \(claimNumber): \(field): \(problem)" }
}

extension ClaimRepository {
    /// Imports a claims fixture in one transaction: payers and patients by their fixture keys,
    /// claims by claim number. Paid = Σ CLP04, cost share = Σ CLP05; denial from the CAS codes.
    /// - Throws: `ImportError` for an entry with a bad date, CARC, frequency code or unknown key
    ///   (nothing is imported then).
    public func importFixture(organizationID: String, fixture: ClaimFixture, actorID: String?) throws -> ImportSummary {
        try database.write { db in
            try db.lockOrganization(organizationID)
            try db.planForGrowingTables()
            var summary = ImportSummary()
            var payerIDs: [String: String] = [:]
            for payer in fixture.payers {
                if let row = try db.queryOne("SELECT id FROM payers WHERE organization_id = ? AND import_key = ?",
                                             [.text(organizationID), .text(payer.key)]) {
                    payerIDs[payer.key] = row.string("id")
                    continue
                }
                let stored = try PayerWork.add(SQLTransaction(db), .system, organizationID: organizationID, payer: Payer(
                    id: "", name: payer.name, payerID: payer.payer_id, kind: .other, timelyFilingDays: nil, appealDays: nil),
                    importKey: payer.key, actorID: actorID)
                payerIDs[payer.key] = stored.id
                summary.payersAdded += 1
            }
            var patientIDs: [String: String] = [:]
            for patient in fixture.patients {
                if let row = try db.queryOne("SELECT id FROM patients WHERE organization_id = ? AND import_key = ?",
                                             [.text(organizationID), .text(patient.key)]) {
                    patientIDs[patient.key] = row.string("id")
                    continue
                }
                let stored = try PatientWork.add(SQLTransaction(db), .system, organizationID: organizationID, patient: Patient(
                    id: "", firstName: patient.first_name, lastName: patient.last_name, birthDate: nil, memberID: patient.member_id),
                    importKey: patient.key, actorID: actorID)
                patientIDs[patient.key] = stored.id
                summary.patientsAdded += 1
            }
            for entry in fixture.claims {
                if try db.queryOne("SELECT 1 AS found FROM claims WHERE organization_id = ? AND claim_number = ?",
                                   [.text(organizationID), .text(entry.claim_number)]) != nil {
                    summary.claimsUnchanged += 1
                    continue
                }
                let claim = try Self.newClaim(entry, payerIDs: payerIDs, patientIDs: patientIDs)
                _ = try ClaimWork.add(SQLTransaction(db), .system, organizationID: organizationID, claim: claim, actorID: actorID)
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
