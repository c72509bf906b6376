import CaseworkDomain

/// An organization's settings.
public struct OrganizationSettings: Sendable, Hashable {
    /// Resolve an awaiting-payment case, with a note, once a payment leaves nothing outstanding on
    /// its claims (else it is flagged `payment_received`). Default off.
    public var autoResolvePaidCases: Bool
    /// The IANA time zone whose calendar day is "today" for the organization. Default `UTC`.
    public var timeZone: String

    public init(autoResolvePaidCases: Bool, timeZone: String = "UTC") {
        self.autoResolvePaidCases = autoResolvePaidCases; self.timeZone = timeZone
    }
}
