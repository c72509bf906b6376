import CaseworkDomain
import CaseworkUseCases

/// The published CARC and RARC lists in the database (shared by every organization).
public struct CodeListRepository: Sendable {
    let database: any SQLDatabase

    /// The lists Casework ships (`Sources/CaseworkStorage/CodeLists`), parsed.
    static let shipped: [CodeList] = [PackageResources.carc_tsv, PackageResources.rarc_tsv].compactMap {
        try? CodeListFile.parse(String(decoding: $0, as: UTF8.self))
    }

    /// Loads each shipped list that the database does not hold yet (a new file, or one migrated
    /// from before code lists); a list imported since is left as it is.
    func loadShippedListsIfMissing() throws {
        try database.write { db in
            for list in Self.shipped where try db.queryOne("SELECT 1 AS present FROM code_lists WHERE kind = ?", [.text(list.kind.rawValue)]) == nil {
                _ = try Self.replace(db, list)
            }
        }
    }

    /// Replaces the whole list of `list.kind` with `list`, in one transaction (all codes or none).
    /// Every organization's data version moves with it: the meanings a cached representation shows
    /// (a case's CARC descriptions) come from the lists.
    public func replace(_ list: CodeList) throws -> CodeListSummary {
        try database.write { db in try Self.replace(db, list) }
    }

    static func replace(_ db: any SQLExecutor, _ list: CodeList) throws -> CodeListSummary {
        let kind = SQLValue.text(list.kind.rawValue), now = Instant.now()
        try db.execute("DELETE FROM codes WHERE kind = ?", [kind])
        try db.execute("UPDATE organizations SET data_version = data_version + 1")
        try db.execute("""
            INSERT INTO code_lists (kind, source, list_date, imported_at, code_count) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (kind) DO UPDATE SET source = excluded.source, list_date = excluded.list_date,
                imported_at = excluded.imported_at, code_count = excluded.code_count
            """, [kind, .text(list.source), .text(list.date), .text(now.description), SQLValue(list.entries.count)])
        for entry in list.entries {
            try db.execute("INSERT INTO codes (kind, code, description, starts_on, stops_on) VALUES (?, ?, ?, ?, ?)",
                           [kind, .text(entry.code), .text(entry.description), SQLValue(entry.startsOn?.description),
                            SQLValue(entry.stopsOn?.description)])
        }
        return CodeListSummary(kind: list.kind, source: list.source, date: list.date, importedAt: now, count: list.entries.count)
    }

    /// The stored list of `kind`: its provenance and codes in code order (numbers by value, then letters).
    public func list(_ kind: CodeListKind) throws -> (summary: CodeListSummary?, entries: [CodeEntry]) {
        try database.read { db in
            let summary = try db.queryOne("SELECT * FROM code_lists WHERE kind = ?", [.text(kind.rawValue)]).map { row in
                CodeListSummary(kind: kind, source: row.string("source"), date: row.string("list_date"),
                                importedAt: Instant(row.string("imported_at")) ?? Instant(secondsSinceEpoch: 0), count: row.int("code_count"))
            }
            // Numeric codes first, in numeric order (they have no leading zeros: shorter is smaller), then the others.
            let numeric = "code >= '0' AND code < ':'"
            let entries = try db.query("""
                SELECT * FROM codes WHERE kind = ?
                ORDER BY CASE WHEN \(numeric) THEN 0 ELSE 1 END, CASE WHEN \(numeric) THEN length(code) ELSE 0 END, code
                """, [.text(kind.rawValue)]).map(Self.entry)
            return (summary, entries)
        }
    }

    /// The entries of `codes` (any case; unknown ones are absent), keyed by code.
    public func entries(_ kind: CodeListKind, codes: some Collection<String>) throws -> [String: CodeEntry] {
        let wanted = Array(Set(codes.map { $0.uppercased() }))
        guard !wanted.isEmpty else { return [:] }
        return try database.read { db in
            var found: [String: CodeEntry] = [:]
            for chunk in stride(from: 0, to: wanted.count, by: 500).map({ Array(wanted[$0..<min($0 + 500, wanted.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                for row in try db.query("SELECT * FROM codes WHERE kind = ? AND code IN (\(marks))", [.text(kind.rawValue)] + chunk.map(SQLValue.text)) {
                    let entry = Self.entry(row)
                    found[entry.code] = entry
                }
            }
            return found
        }
    }

    /// How each of `codes` stands on `day`: current, unknown to the list, retired, or not yet in use.
    public func standing(_ kind: CodeListKind, codes: [String], on day: Day) throws -> [String: CodeStanding] {
        let known = try entries(kind, codes: codes)
        var result: [String: CodeStanding] = [:]
        for code in codes {
            guard let entry = known[code.uppercased()] else { result[code] = .unknown; continue }
            if let stops = entry.stopsOn, entry.isRetired(on: day) {
                result[code] = .retired(stops)
            } else if let starts = entry.startsOn, entry.isNotYetInUse(on: day) {
                result[code] = .notYetInUse(starts)
            } else {
                result[code] = .current
            }
        }
        return result
    }

    static func entry(_ row: SQLRow) -> CodeEntry {
        CodeEntry(code: row.string("code"), description: row.string("description"),
                  startsOn: row.optionalString("starts_on").flatMap(Day.init), stopsOn: row.optionalString("stops_on").flatMap(Day.init))
    }
}
