/// The SQL dialect a driver speaks. Storage writes SQL both understand; the few expressions that
/// differ are built here.
enum SQLDialect: Sendable, Equatable {
    case sqlite
    case postgresql

    /// The suffix of a SELECT that locks the rows it reads until the transaction ends: PostgreSQL's
    /// `FOR UPDATE`; nothing on SQLite, whose one writer at a time already excludes the others.
    var lockForUpdate: String { self == .postgresql ? " FOR UPDATE" : "" }

    /// `expression` (an integer ≥ 0) as text of `width` digits, zero-padded, so that text order is number order.
    func zeroPadded(_ expression: String, width: Int) -> String {
        switch self {
        case .sqlite: "printf('%0\(width)d', \(expression))"
        case .postgresql: "lpad((\(expression))::text, \(width), '0')"
        }
    }

    /// `column` as a value SQLite's planner will not look up by index (a unary `+`: its documented hint),
    /// so that it walks another index in order; PostgreSQL's planner weighs the costs itself.
    /// Source: https://www.sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_
    func unindexed(_ column: String) -> String {
        switch self {
        case .sqlite: "+" + column
        case .postgresql: column
        }
    }
}
