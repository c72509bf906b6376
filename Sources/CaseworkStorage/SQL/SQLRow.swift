/// The column names of one result set, shared by all its rows (built once per query).
final class SQLColumns: Sendable {
    /// Names in select order, as SQLite reports them (`sqlite3_column_name`: the alias if any).
    let names: [String]
    /// Exact name → first index with that name.
    private let exact: [String: Int]

    init(names: [String]) {
        self.names = names
        var exact: [String: Int] = [:]
        for (i, name) in names.enumerated() where exact[name] == nil { exact[name] = i }
        self.exact = exact
    }

    /// The first column named `name`; exact match first, then (rarely needed) SQLite's
    /// case-insensitive identifier match.
    func index(of name: String) -> Int? {
        if let i = exact[name] { return i }
        let folded = name.lowercased()
        return names.firstIndex { $0.lowercased() == folded }
    }
}

/// One result row, read by column name.
///
/// Names are those of the result set as SQLite reports them: the column name for a plain
/// column (`claim_number`), or the alias (`SELECT count(*) AS n` → `"n"`). Lookup is exact first,
/// then case-insensitive (SQLite identifiers are case-insensitive). When several columns share a
/// name (e.g. `SELECT a.id, b.id`), the leftmost wins: alias them to read both.
///
/// **Unknown column names are a programmer error and stop the process (`preconditionFailure`)**;
/// they are not mapped to `.null`, so a typo cannot pass as a missing value. The typed accessors
/// likewise stop the process when the stored type does not fit (see each one).
/// Source for names: https://www.sqlite.org/c3ref/column_name.html
public struct SQLRow: Sendable {
    let columns: SQLColumns
    /// The row's values, in select order (same order as `columnNames`).
    public let values: [SQLValue]

    init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The result set's column names in select order. (Addition to the agreed API, for exports.)
    public var columnNames: [String] { columns.names }

    /// True when the row has a column of that name. (Addition to the agreed API.)
    public func hasColumn(_ column: String) -> Bool { columns.index(of: column) != nil }

    /// The raw value of `column`. Precondition: the column exists in the result set.
    public subscript(_ column: String) -> SQLValue {
        guard let index = columns.index(of: column) else {
            preconditionFailure("SQLRow: no column named \"\(column)\"; columns are \(columns.names)")
        }
        return values[index]
    }

    /// An `INTEGER` value as `Int`. Precondition: the column exists and holds an integer (not NULL).
    public func int(_ column: String) -> Int {
        Int(int64(column))
    }

    /// An `INTEGER` value as `Int`, or nil for NULL. Precondition: the column exists and holds an integer or NULL.
    public func optionalInt(_ column: String) -> Int? {
        let value = self[column]
        if case .null = value { return nil }
        return Int(integer(value, column))
    }

    /// An `INTEGER` value. Precondition: the column exists and holds an integer (not NULL).
    public func int64(_ column: String) -> Int64 {
        integer(self[column], column)
    }

    /// A `TEXT` value. Precondition: the column exists and holds text (not NULL, not a number or blob).
    public func string(_ column: String) -> String {
        let value = self[column]
        guard case .text(let text) = value else { mismatch(column, "text", value) }
        return text
    }

    /// A `TEXT` value, or nil for NULL. Precondition: the column exists and holds text or NULL.
    public func optionalString(_ column: String) -> String? {
        let value = self[column]
        if case .null = value { return nil }
        guard case .text(let text) = value else { mismatch(column, "text", value) }
        return text
    }

    /// An integer 0/1 as `Bool` (any non-zero integer is true).
    /// Precondition: the column exists and holds an integer (not NULL).
    public func bool(_ column: String) -> Bool {
        int64(column) != 0
    }

    /// A `REAL` value; an `INTEGER` value is converted (e.g. `SUM` over integers).
    /// Precondition: the column exists and holds a real or an integer (not NULL).
    public func double(_ column: String) -> Double {
        switch self[column] {
        case .real(let v): return v
        case .integer(let v): return Double(v)
        case let other: mismatch(column, "real", other)
        }
    }

    private func integer(_ value: SQLValue, _ column: String) -> Int64 {
        guard case .integer(let v) = value else { mismatch(column, "integer", value) }
        return v
    }

    private func mismatch(_ column: String, _ expected: String, _ actual: SQLValue) -> Never {
        // The value itself is not printed: it may be personal data that must not reach crash logs.
        let kind: String
        switch actual {
        case .null: kind = "NULL"
        case .integer: kind = "an integer"
        case .real: kind = "a real"
        case .text: kind = "text"
        case .blob: kind = "a blob"
        }
        preconditionFailure("SQLRow: column \"\(column)\" holds \(kind), expected \(expected)")
    }
}
