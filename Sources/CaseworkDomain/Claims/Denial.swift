/// Decides whether a claim was denied, from amounts and CAS codes rather than CLP02 = 4 alone.
///
/// A claim is denied when it has been remitted, the payer paid less than expected, and at least
/// one adjustment is neither contractual (CO-45, CO-42, CO-A2, CO-131, CO-253) nor patient
/// responsibility (PR): that adjustment carries the denial reason (CO-16, CO-29, OA-18, ...).
public enum Denial {
    /// The non-contractual, non-PR CARCs of `remittances` when the claim counts as denied, else `[]`.
    public static func reasons(expected: Cents, remittances: [Remittance]) -> [CARC] {
        guard !remittances.isEmpty else { return [] }
        let paid = remittances.map(\.paid).sum()
        guard paid < expected else { return [] }
        var seen = Set<CARC>()
        var reasons: [CARC] = []
        for adjustment in remittances.flatMap(\.adjustments)
        where !adjustment.carc.isContractual && adjustment.carc.group != .patientResponsibility {
            if seen.insert(adjustment.carc).inserted { reasons.append(adjustment.carc) }
        }
        return reasons
    }
}
