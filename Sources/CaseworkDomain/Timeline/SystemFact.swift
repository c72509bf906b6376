/// One fact of a system timeline event: text, a whole number (amounts in cents, counts) or a
/// list (ids, CARCs), so clients read numbers as numbers and lists as lists.
public enum SystemFact: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case number(Int)
    case list([String])

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }

    /// The fact as text for a timeline subject: numbers in decimal, lists joined by `", "`.
    public var text: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .list(let items): items.joined(separator: ", ")
        }
    }
}
