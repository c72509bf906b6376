import CaseworkDomain

/// What a use case takes from outside the database: the time and new ids. Production uses
/// `system`; tests pin "today" and the ids with their own closures.
public struct Ambient: Sendable {
    /// The current instant (UTC, whole seconds).
    public var now: @Sendable () -> Instant
    /// A new id for a kind prefix (see `Identifier.make`).
    public var newID: @Sendable (_ kind: String) -> String

    public init(now: @escaping @Sendable () -> Instant, newID: @escaping @Sendable (_ kind: String) -> String) {
        self.now = now; self.newID = newID
    }

    /// The system clock and random, time-ordered ids.
    public static let system = Ambient(now: { Instant.now() }, newID: Identifier.make)
}
