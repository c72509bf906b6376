import CaseworkDomain

/// Whether a code is one to accept on new data: listed and not retired.
public enum CodeStanding: Sendable, Hashable {
    case current
    /// The list does not have it.
    case unknown
    /// Its last day in use was this day.
    case retired(Day)
    /// Its first day in use is this day, still to come.
    case notYetInUse(Day)
}

/// A stored code list's provenance: where it comes from, as of when, when it was loaded, how many codes.
public struct CodeListSummary: Sendable, Hashable {
    public var kind: CodeListKind
    public var source: String
    public var date: String
    public var importedAt: Instant
    public var count: Int

    /// A value with every field given (as documented on the type).
    public init(kind: CodeListKind, source: String, date: String, importedAt: Instant, count: Int) {
        self.kind = kind; self.source = source; self.date = date; self.importedAt = importedAt; self.count = count
    }
}
