/// The denial reason a case disputes, from a per-organization list.
public enum Subject {
    /// The list every new organization is seeded with, in display order.
    public static let defaults: [String] = [
        "authorization", "timely filing", "duplicate claim", "service not covered",
        "medical necessity", "missing information", "patient responsibility",
        "coordination of benefits", "eligibility", "coding error", "underpayment", "other",
    ]
}
