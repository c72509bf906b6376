import CaseworkDomain
import CaseworkUseCases

/// One row of the CARC → subject table: the code, its subject, and whether the organization set it.
public struct DenialCategoryEntry: Sendable, Hashable {
    public var carcCode: String
    public var subject: String
    /// False for a seed entry the organization has not changed.
    public var customized: Bool
}

/// The organization's denial categories: the seed (`DenialCategories.seed`) overlaid with its own entries.
public struct DenialCategoryRepository: Sendable {
    let database: any SQLDatabase

    /// Every code with an entry, seed or the organization's, ordered by code (numeric codes in number order).
    public func list(organizationID: String) throws -> [DenialCategoryEntry] {
        try database.read { db in
            let own = try Self.overrides(db, organizationID: organizationID)
            var entries = DenialCategories.seed.subjectsByCode.map { DenialCategoryEntry(carcCode: $0.key, subject: $0.value, customized: false) }
                .filter { own[$0.carcCode] == nil }
            entries += own.map { DenialCategoryEntry(carcCode: $0.key, subject: $0.value, customized: true) }
            return entries.sorted { Self.codeOrder($0.carcCode, $1.carcCode) }
        }
    }

    /// Sets the subject of reason code `carcCode` (upper-cased) for the organization.
    /// - Throws: `CaseRuleViolation.unknownSubject` when the subject is not on the organization's list.
    public func set(organizationID: String, carcCode: String, subject: String, actorID: String) throws -> DenialCategoryEntry {
        try database.write { db in
            try CaseOpening.requireSubject(SQLTransaction(db), organizationID: organizationID, subject: subject)
            let code = carcCode.uppercased()
            let before = try Self.categories(db, organizationID: organizationID).subjectsByCode[code]
            let now = Instant.now().description
            try db.execute(
                """
                INSERT INTO denial_categories (organization_id, carc_code, subject, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (organization_id, carc_code) DO UPDATE SET subject = excluded.subject, updated_at = excluded.updated_at
                """, [.text(organizationID), .text(code), .text(subject), .text(now)])
            try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "denial_category", entityID: code,
                                action: "update", changes: [.init(field: "subject", before: AuditChange.value(before), after: subject)], at: now)
            return DenialCategoryEntry(carcCode: code, subject: subject, customized: true)
        }
    }

    static func overrides(_ db: any SQLExecutor, organizationID: String) throws -> [String: String] {
        var own: [String: String] = [:]
        for row in try db.query("SELECT carc_code, subject FROM denial_categories WHERE organization_id = ?", [.text(organizationID)]) {
            own[row.string("carc_code")] = row.string("subject")
        }
        return own
    }

    /// The effective table of the organization.
    static func categories(_ db: any SQLExecutor, organizationID: String) throws -> DenialCategories {
        DenialCategories(subjectsByCode: DenialCategories.seed.subjectsByCode.merging(try overrides(db, organizationID: organizationID)) { $1 })
    }

    /// Numeric codes by value, then the others alphabetically (`2` < `16` < `A1`).
    static func codeOrder(_ l: String, _ r: String) -> Bool {
        switch (Int(l), Int(r)) {
        case let (a?, b?): a < b
        case (.some, nil): true
        case (nil, .some): false
        default: l < r
        }
    }
}
