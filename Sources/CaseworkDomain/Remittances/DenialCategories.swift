/// The organization's CARC → case subject table ("denial category", DESIGN §9), keyed by the
/// reason code alone (`16`, `A1`): the group (CO, OA, PI, PR) does not change the category.
public struct DenialCategories: Sendable, Hashable {
    /// Reason code (upper case) → subject.
    public var subjectsByCode: [String: String]

    public init(subjectsByCode: [String: String]) { self.subjectsByCode = subjectsByCode }

    /// The subject of a code without an entry.
    public static let fallback = "other"
    /// The subject of a claim paid below expected with only contractual adjustments.
    public static let underpayment = "underpayment"

    /// The category of `carc`: its table entry, else `other`.
    public func subject(for carc: CARC) -> String { subjectsByCode[carc.code] ?? Self.fallback }

    /// The seed every organization starts with: the common meanings of the CARC list (X12 Claim
    /// Adjustment Reason Codes), as DESIGN §9 lists them.
    public static let seed: DenialCategories = {
        var table: [String: String] = [:]
        func put(_ subject: String, _ codes: [String]) { for code in codes { table[code] = subject } }
        put("timely filing", ["29"])
        put("duplicate claim", ["18"])
        put("authorization", ["15", "62", "197", "198"])
        put("missing information", ["16", "252"])
        put("medical necessity", ["50", "56"])
        put("service not covered", ["96", "204", "49"])
        put("eligibility", ["27", "26", "31", "177"])
        put("coordination of benefits", ["22", "23"])
        put("patient responsibility", ["1", "2", "3"])
        put("coding error", ["4", "5", "6", "7", "8", "9", "10", "11", "97", "146", "181", "182"])
        return DenialCategories(subjectsByCode: table)
    }()
}
