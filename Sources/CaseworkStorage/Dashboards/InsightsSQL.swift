import CaseworkDomain

/// The FROM, WHERE, dimension and measure columns shared by the Case Insights queries, over `c`.
///
/// `c` is either the cases themselves or a rollup of migration 0014 whose rows each stand for
/// `c.cases` cases of one status, stage, subject, payer and owner (and CARC, in
/// `case_carc_rollup`): the queries sum `count` and `outstanding` and read the same columns either
/// way. Rollups answer every query but those that filter by creation date (not a rollup dimension)
/// and those that both filter by a CARC and split by CARC (a case's other CARCs are not in its row);
/// `rollups: false` asks for the cases (outstanding by aging and appeals due, which read claims and
/// deadlines).
struct InsightsSQL {
    let from: String
    let dimensions: String
    let conditions: String
    let bindings: [SQLValue]
    let drillDown: CaseInsightsQuery.DrillDown?
    /// The number of cases a row of `from` stands for: `1`, or `c.cases` for a rollup row.
    let count: String
    /// Their outstanding in cents: `c.total_outstanding_cents`, or `c.outstanding_cents`.
    let outstanding: String

    init(query: CaseInsightsQuery, organizationID: String, rollups: Bool = true) {
        drillDown = query.drillDown
        let byCreation = query.createdAfter != nil || query.createdBefore != nil
        let rolled = rollups && !byCreation && !(query.carcCode != nil && query.drillDown == .carcCode)
        let owners = "LEFT JOIN users du ON c.owner_type = 'user' AND du.id = c.owner_id "
            + "LEFT JOIN teams dt ON c.owner_type = 'team' AND dt.id = c.owner_id"
        var parts = ["c.organization_id = ?"]
        var values: [SQLValue] = [.text(organizationID)]
        if rolled {
            let table = query.carcCode != nil || query.drillDown == .carcCode ? "case_carc_rollup c" : "case_rollup c"
            switch query.drillDown {
            case nil:
                from = table
                dimensions = "NULL AS dim_type, NULL AS dim_id, NULL AS dim_name"
            case .owner:
                from = "\(table) \(owners)"
                dimensions = "NULLIF(c.owner_type, '') AS dim_type, NULLIF(c.owner_id, '') AS dim_id, COALESCE(du.name, dt.name) AS dim_name"
            case .carcCode:
                from = table
                dimensions = "'carc' AS dim_type, NULLIF(c.carc, '') AS dim_id, NULL AS dim_name"
            }
            count = "c.cases"
            outstanding = "c.outstanding_cents"
            parts.append("c.cases > 0")
            if let carc = query.carcCode { parts.append("c.carc = ?"); values.append(.text(carc.description)) }
        } else {
            switch query.drillDown {
            case nil:
                from = "cases c"
                dimensions = "NULL AS dim_type, NULL AS dim_id, NULL AS dim_name"
            case .owner:
                from = "cases c \(owners)"
                dimensions = "c.owner_type AS dim_type, c.owner_id AS dim_id, COALESCE(du.name, dt.name) AS dim_name"
            case .carcCode:
                from = "cases c LEFT JOIN case_carc_codes dk ON dk.case_id = c.id"
                dimensions = "'carc' AS dim_type, dk.code AS dim_id, NULL AS dim_name"
            }
            count = "1"
            outstanding = "c.total_outstanding_cents"
            if let carc = query.carcCode {
                parts.append("EXISTS (SELECT 1 FROM case_carc_codes fk WHERE fk.case_id = c.id AND fk.code = ?)")
                values.append(.text(carc.description))
            }
            if let after = query.createdAfter { parts.append("c.created_at >= ?"); values.append(.text("\(after)T00:00:00Z")) }
            if let before = query.createdBefore { parts.append("c.created_at < ?"); values.append(.text("\(before)T00:00:00Z")) }
        }
        if let payer = query.payerID { parts.append("c.payer_id = ?"); values.append(.text(payer)) }
        if let subject = query.subject { parts.append("c.subject = ?"); values.append(.text(subject)) }
        if let owner = query.owner { parts.append("c.owner_type = ? AND c.owner_id = ?"); values += [.text(owner.kind), .text(owner.id)] }
        conditions = parts.joined(separator: " AND ")
        bindings = values
    }

    /// `dim_type, dim_id, ` when split, else empty.
    var groupColumns: String { drillDown == nil ? "" : "dim_type, dim_id, " }

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
