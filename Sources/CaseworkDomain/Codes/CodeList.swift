/// The published code lists a remittance speaks in: CARC (X12 external code source 139, why an
/// amount was adjusted) and RARC (source 411, remarks that explain an adjustment).
public enum CodeListKind: String, Sendable, Hashable, CaseIterable {
    case carc, rarc
}

/// One code of a list with its meaning and the days it is in use.
public struct CodeEntry: Sendable, Hashable {
    /// The code without a group: `45`, `B13` (CARC); `N130`, `MA01` (RARC).
    public var code: String
    public var description: String
    /// First day in use; nil when the list gives none.
    public var startsOn: Day?
    /// Last day in use; nil while the code is current.
    public var stopsOn: Day?

    public init(code: String, description: String, startsOn: Day? = nil, stopsOn: Day? = nil) {
        self.code = code; self.description = description; self.startsOn = startsOn; self.stopsOn = stopsOn
    }

    /// Whether the code was retired before `day` (its last day in use has passed).
    public func isRetired(on day: Day) -> Bool { stopsOn.map { $0 < day } ?? false }

    /// Whether the code's first day in use is still to come on `day`.
    public func isNotYetInUse(on day: Day) -> Bool { startsOn.map { $0 > day } ?? false }
}

/// A whole code list as a file carries it: which list, where it comes from, as of when, and its codes.
public struct CodeList: Sendable, Hashable {
    public var kind: CodeListKind
    /// The publisher and address the codes were taken from.
    public var source: String
    /// The date the file states for its contents (`# date:`), as written.
    public var date: String
    /// Codes in file order, each once.
    public var entries: [CodeEntry]

    public init(kind: CodeListKind, source: String, date: String, entries: [CodeEntry]) {
        self.kind = kind; self.source = source; self.date = date; self.entries = entries
    }
}
