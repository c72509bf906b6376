import CaseworkDomain
import CaseworkUseCases

/// Reads of the organization's denial categories: the seed (`DenialCategories.seed`) overlaid with its
/// own entries (setting one is `OrganizationWork`'s, in CaseworkUseCases).
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
