/// The person served. Every field but `id` is PHI and must never reach a log line.
public struct Patient: Sendable, Hashable {
    public var id: String
    public var firstName: String
    public var lastName: String
    public var birthDate: Day?
    /// The payer's member/subscriber id.
    public var memberID: String?

    public init(id: String, firstName: String, lastName: String, birthDate: Day?, memberID: String?) {
        self.id = id; self.firstName = firstName; self.lastName = lastName
        self.birthDate = birthDate; self.memberID = memberID
    }
}
