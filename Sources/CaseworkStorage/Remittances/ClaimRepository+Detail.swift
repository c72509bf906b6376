import CaseworkDomain
import CaseworkUseCases

extension ClaimRepository {
    /// The claim `id` with its remittance history, denial and deadlines; nil when the organization has none.
    public func detail(organizationID: String, id: String) throws -> ClaimDetail? {
        try database.read { db in
            guard let row = try db.queryOne(
"SELECT * FROM claims WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(id)]) else { return nil }
            let record = try Self.record(db, Self.claim(row))
            let history = try RemittanceRepository.history(db, claimID: id)
            var denial: ClaimDenial?
            let claim = record.claim
            let category = row.optionalString("denial_category")
            if claim.isDenied || category != nil {
                let categories = try DenialCategoryRepository.categories(db, organizationID: organizationID)
                let reasons = claim.denialReasons.map { carc in
                    (carc: carc, amountCents: history.flatMap(\.adjustments).filter { $0.carc == carc }.map(\.amountCents).reduce(0, +),
                     category: categories.subject(for: carc))
                }
                let amount = row.int("denied_cents")
                denial = ClaimDenial(
                    kind: claim.isDenied ? "denial" : "underpayment",
                    amountCents: amount != 0 ? amount : reasons.map(\.amountCents).reduce(0, +),
                    // The organization's table as it is now: changing a category shows at once.
                    category: reasons.first.map(\.category) ?? category ?? DenialCategories.fallback, reasons: reasons,
                    remarkCodes: history.last { $0.statusCode != "22" }?.allRemarkCodes ?? [])
            }
            return ClaimDetail(record: record, remittances: history, denial: denial,
                               appealDeadline: row.optionalString("appeal_deadline").flatMap(Day.init),
                               filingDeadline: row.optionalString("filing_deadline").flatMap(Day.init))
        }
    }
}
