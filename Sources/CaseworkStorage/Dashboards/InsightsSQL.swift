import CaseworkDomain
import CaseworkUseCases

/// The FROM, WHERE, drill-down key and measure columns shared by the Case Insights queries, over `c`.
///
/// The queries group `from` by the raw keys (`keySelect`, `keyColumns`) in a subquery `g` and name
/// the few groups after (`groupDimensions`, `groupNames`): grouping by a computed or joined name would
/// cost the rollups' key order (a sort of every row) and a join per row.
///
/// `c` is the cases themselves or, when the query allows it, a rollup whose rows each stand for
/// `count` cases (or claims) of one group: the queries sum `count` and `outstanding` and read the
/// same columns either way. Two families of rollups:
/// - `.caseRollups` (migration 0014): cases by status, stage, subject, payer and owner
///   (`case_rollup`), and the same split by CARC (`case_carc_rollup`);
/// - `.claimAgingRollups` (migrations 0015, 0018): the cases' claims by status, payer and aging day
///   (`claim_aging_rollup`), also split by owner or by CARC — no subject, and never both splits.
///
/// Neither has the creation day (it would make the groups as many as the cases), nor can either
/// filter by one CARC while splitting by CARC (a case's other CARCs are not in its row): such
/// queries, and `.cases`, read the cases (`source` then says `.cases`).
struct InsightsSQL {
    enum Source { case cases, caseRollups, claimAgingRollups }

    /// What `from` reads.
    let source: Source
    /// The table (or join) read as `c`; a CARC split of the cases joins their codes as `dk`.
    let from: String
    let conditions: String
    let bindings: [SQLValue]
    let drillDown: CaseInsightsQuery.DrillDown?
    /// The number of cases (claims, in the aging rollups) a row of `from` stands for: `1` for a case.
    let count: String
    /// Their outstanding in cents: `c.total_outstanding_cents` for a case, else `c.outstanding_cents`.
    let outstanding: String

    init(query: CaseInsightsQuery, organizationID: String, source wanted: Source) {
        drillDown = query.drillDown
        let byOwner = query.owner != nil || query.drillDown == .owner
        let byCarc = query.carcCode != nil || query.drillDown == .carcCode
        let rollable = query.createdAfter == nil && query.createdBefore == nil
            && !(query.carcCode != nil && query.drillDown == .carcCode)
        switch wanted {
        case .caseRollups where rollable:
            source = .caseRollups
            from = byCarc ? "case_carc_rollup c" : "case_rollup c"
            count = "c.cases"
        case .claimAgingRollups where rollable && query.subject == nil && !(byOwner && byCarc):
            source = .claimAgingRollups
            from = byOwner ? "claim_aging_owner_rollup c" : byCarc ? "claim_aging_carc_rollup c" : "claim_aging_rollup c"
            count = "c.claims"
        default:
            source = .cases
            from = query.drillDown == .carcCode ? "cases c LEFT JOIN case_carc_codes dk ON dk.case_id = c.id" : "cases c"
            count = "1"
        }
        var parts = ["c.organization_id = ?"]
        var values: [SQLValue] = [.text(organizationID)]
        if source == .cases {
            outstanding = "c.total_outstanding_cents"
            if let carc = query.carcCode {
                parts.append("EXISTS (SELECT 1 FROM case_carc_codes fk WHERE fk.case_id = c.id AND fk.code = ?)")
                values.append(.text(carc.description))
            }
            if let after = query.createdAfter { parts.append("c.created_at >= ?"); values.append(.text("\(after)T00:00:00Z")) }
            if let before = query.createdBefore { parts.append("c.created_at < ?"); values.append(.text("\(before)T00:00:00Z")) }
        } else {
            outstanding = "c.outstanding_cents"
            parts.append("\(count) > 0")        // groups whose rows all moved away
            if let carc = query.carcCode { parts.append("c.carc = ?"); values.append(.text(carc.description)) }
        }
        if let payer = query.payerID { parts.append("c.payer_id = ?"); values.append(.text(payer)) }
        if let subject = query.subject { parts.append("c.subject = ?"); values.append(.text(subject)) }
        if let owner = query.owner { parts.append("c.owner_type = ? AND c.owner_id = ?"); values += [.text(owner.kind), .text(owner.id)] }
        conditions = parts.joined(separator: " AND ")
        bindings = values
    }

    /// The drill-down's raw key columns over `from`, unnamed: the owner's type and id, the CARC, or none.
    var keyColumns: [String] {
        switch drillDown {
        case nil: []
        case .owner: ["c.owner_type", "c.owner_id"]
        case .carcCode: [source == .cases ? "dk.code" : "c.carc"]
        }
    }

    /// `keyColumns` selected as `key_type` / `key_id` (followed by ", "), for a grouping subquery `g`.
    var keySelect: String {
        switch drillDown {
        case nil: ""
        case .owner: "c.owner_type AS key_type, c.owner_id AS key_id, "
        case .carcCode: "\(keyColumns[0]) AS key_id, "
        }
    }

    /// The drill-down columns `dim_type`, `dim_id`, `dim_name` over a grouped subquery `g` that selected
    /// `keySelect`, with `groupNames` joined; the rollups' '' (no owner, no CARC) becomes NULL.
    var groupDimensions: String {
        switch drillDown {
        case nil: "NULL AS dim_type, NULL AS dim_id, NULL AS dim_name"
        case .owner: "NULLIF(g.key_type, '') AS dim_type, NULLIF(g.key_id, '') AS dim_id, COALESCE(du.name, dt.name) AS dim_name"
        case .carcCode: "'carc' AS dim_type, NULLIF(g.key_id, '') AS dim_id, NULL AS dim_name"
        }
    }

    /// The joins `groupDimensions` needs (the owners' names), empty otherwise.
    var groupNames: String {
        drillDown == .owner
            ? " LEFT JOIN users du ON g.key_type = 'user' AND du.id = g.key_id LEFT JOIN teams dt ON g.key_type = 'team' AND dt.id = g.key_id"
            : ""
    }

    /// The drill-down group of a result row.
    func group(_ row: SQLRow) -> InsightsGroup? {
        switch drillDown {
        case nil: return nil
        case .owner:
            let owner = row.optionalString("dim_type").flatMap { Owner(kind: $0, id: row.optionalString("dim_id") ?? "") }
            return .owner(owner, name: row.optionalString("dim_name"))
        case .carcCode: return .carcCode(row.optionalString("dim_id"))
        }
    }
}
