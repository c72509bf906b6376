
/// A value bound to or read from a statement: one of SQLite's five storage classes.
///
/// Shapes: `.null`, `.integer(Int64)`, `.real(Double)`, `.text(String)` (UTF-8),
/// `.blob([UInt8])` (an empty blob stays an empty blob, it is never turned into `NULL`).
/// Literals work at call sites: `"abc"` is `.text`, `42` is `.integer`, `nil` is `.null`.
///
/// Source: https://www.sqlite.org/datatype3.html (storage classes).
public enum SQLValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    /// SQL `NULL`.
    case null
    /// A signed 64-bit integer (`SQLITE_INTEGER`).
    case integer(Int64)
    /// An IEEE 754 double (`SQLITE_FLOAT`). SQLite stores a NaN as `NULL`.
    case real(Double)
    /// UTF-8 text (`SQLITE_TEXT`); embedded NUL characters are kept.
    case text(String)
    /// Raw bytes (`SQLITE_BLOB`).
    case blob([UInt8])

    /// `"abc"` → `.text("abc")`.
    public init(stringLiteral value: String) { self = .text(value) }

    /// `42` → `.integer(42)`.
    public init(integerLiteral value: Int64) { self = .integer(value) }

    /// `nil` → `.null`.
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
    /// `.text(v)`, or `.null` when `v` is nil.
    public init(_ v: String?) { self = v.map { .text($0) } ?? .null }

    /// `.integer(Int64(v))`, or `.null` when `v` is nil.
    public init(_ v: Int?) { self = v.map { .integer(Int64($0)) } ?? .null }

    /// `.integer(v)`, or `.null` when `v` is nil.
    public init(_ v: Int64?) { self = v.map { .integer($0) } ?? .null }

    /// `.integer(1)` for true, `.integer(0)` for false (SQLite has no boolean type:
    /// https://www.sqlite.org/datatype3.html#boolean_datatype).
    public init(_ v: Bool) { self = .integer(v ? 1 : 0) }

    /// `.real(v)`, or `.null` when `v` is nil. (Addition to the agreed API.)
    public init(_ v: Double?) { self = v.map { .real($0) } ?? .null }

    /// True for `.null`.
    public var isNull: Bool { self == .null }
}

extension SQLValue: CustomStringConvertible {
    /// A short, SQL-like rendering for logs and test failures (blobs as `X'…'` hex).
    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return "'" + String(v.flatMap { $0 == "'" ? ["'", "'"] as [Character] : [$0] }) + "'"
        case .blob(let v):
            let hex = "0123456789ABCDEF".utf8.map { $0 }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(v.count * 2)
            for b in v { bytes.append(hex[Int(b >> 4)]); bytes.append(hex[Int(b & 0xF)]) }
            return "X'" + String(decoding: bytes, as: UTF8.self) + "'"
        }
    }
}
