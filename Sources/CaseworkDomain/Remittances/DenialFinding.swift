/// Why a claim is (still) not paid as expected, found from its remittances (DESIGN §9).
///
/// A claim is denied when, netting every remit it has (a reversal cancels what it reverses), paid
/// plus cost share is less than expected and adjustments other than contractual (CO-45, CO-42, CO-A2,
/// CO-131, CO-253) and patient responsibility (PR) remain: those carry the reasons, and their sum
/// is the denied amount. Zero pay with only PR adjustments is cost share, not a denial. Paid below
/// expected with nothing but contractual and PR adjustments is an underpayment.
public struct DenialFinding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case denial, underpayment }

    public var kind: Kind
    /// The denied amount: Σ of the reason adjustments (for an underpayment, expected − paid − cost share).
    public var amount: Cents
    /// Reasons, largest amount first (ties in order of appearance).
    public var reasons: [CARC]
    /// RARCs of the newest remit.
    public var remarkCodes: [String]
    /// The case subject: the category of the largest reason, `underpayment`, or `other`.
    public var category: String

    public init(kind: Kind, amount: Cents, reasons: [CARC], remarkCodes: [String], category: String) {
        self.kind = kind; self.amount = amount; self.reasons = reasons; self.remarkCodes = remarkCodes; self.category = category
    }

    /// The finding for a claim expecting `expected` cents after `remittances` (oldest first), or nil
    /// when nothing is denied.
    public static func find(expected: Cents, remittances: [RemittedClaim], categories: DenialCategories) -> DenialFinding? {
        // Only an adjudication denies; a reversal alone takes back a payment and says nothing new.
        guard let newest = remittances.last(where: { !$0.isReversal }) else { return nil }
        let paid = remittances.map(\.paid).sum()
        let costShare = remittances.map(\.patientResponsibility).sum()
        // Nothing is denied once the payer and the patient's share cover what was expected.
        guard paid + costShare < expected else { return nil }
        var order: [CARC] = []
        var net: [CARC: Cents] = [:]
        for adjustment in remittances.flatMap(\.adjustments)
        where !adjustment.carc.isContractual && adjustment.carc.group != .patientResponsibility {
            if net[adjustment.carc] == nil { order.append(adjustment.carc) }
            net[adjustment.carc, default: .zero] += adjustment.amount
        }
        let remaining = order.filter { (net[$0] ?? .zero) > .zero }
        if !remaining.isEmpty {
            let ranked = remaining.enumerated().sorted {
                let (l, r) = (net[$0.element] ?? .zero, net[$1.element] ?? .zero)
                return l != r ? l > r : $0.offset < $1.offset
            }.map(\.element)
            return DenialFinding(kind: .denial, amount: remaining.map { net[$0] ?? .zero }.sum(), reasons: ranked,
                                 remarkCodes: newest.remarkCodes, category: categories.subject(for: ranked[0]))
        }
        let short = expected - paid - costShare
        return DenialFinding(kind: .underpayment, amount: short, reasons: [], remarkCodes: newest.remarkCodes,
                             category: DenialCategories.underpayment)
    }
}
