import CaseworkDomain
import CaseworkUseCases
import X12

/// Finds the organization's payer a payment's N1*PR loop names, creating it when unknown.
enum PayerMatching {
    /// The payer by electronic id (N104, else REF*2U), else by exact name; created (kind other)
    /// when neither matches, with an audit event.
    static func payer(_ db: any SQLExecutor, organizationID: String, party: ERAParty, actorID: String?) throws -> Payer {
        let identifier = party.id.flatMap { $0.isEmpty ? nil : $0 }
            ?? party.additionalIDs.first { $0.qualifier == "2U" }?.value
        if let identifier,
           let row = try db.queryOne("SELECT * FROM payers WHERE organization_id = ? AND payer_id = ? ORDER BY created_at, id LIMIT 1",
                                     [.text(organizationID), .text(identifier)]) {
            return PayerRepository.payer(row)
        }
        let name = party.name.isEmpty ? (identifier.map { "Payer \($0)" } ?? "Unnamed payer") : party.name
        if let row = try db.queryOne("SELECT * FROM payers WHERE organization_id = ? AND name = ? ORDER BY created_at, id LIMIT 1",
                                     [.text(organizationID), .text(name)]) {
            return PayerRepository.payer(row)
        }
        return try PayerWork.add(SQLTransaction(db), .system, organizationID: organizationID, payer: Payer(
            id: "", name: name, payerID: identifier, kind: .other, timelyFilingDays: nil, appealDays: nil), importKey: nil, actorID: actorID)
    }
}
