import CaseworkDomain
import X12

/// Finds the organization's payer a payment's N1*PR loop names, creating it when unknown.
enum PayerMatching {
    /// The payer by electronic id (N104, else REF*2U), else by exact name; recorded (kind other)
    /// when neither matches, with an audit event.
    static func payer(_ tx: any WriteTransaction, _ ambient: Ambient, organizationID: String, party: ERAParty,
                      actorID: String?) throws -> Payer {
        let identifier = party.id.flatMap { $0.isEmpty ? nil : $0 }
            ?? party.additionalIDs.first { $0.qualifier == "2U" }?.value
        if let identifier, let payer = try tx.payer(organizationID: organizationID, electronicID: identifier) { return payer }
        let name = party.name.isEmpty ? (identifier.map { "Payer \($0)" } ?? "Unnamed payer") : party.name
        if let payer = try tx.payer(organizationID: organizationID, named: name) { return payer }
        return try PayerWork.add(tx, ambient, organizationID: organizationID, payer: Payer(
            id: "", name: name, payerID: identifier, kind: .other, timelyFilingDays: nil, appealDays: nil), importKey: nil, actorID: actorID)
    }
}
