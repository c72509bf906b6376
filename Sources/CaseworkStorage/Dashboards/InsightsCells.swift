import CaseworkDomain

/// One cell of Case Insights: the cases of one drill-down group with one status, stage, subject and
/// payer, read in one grouped statement; every figure of `CaseInsights` is a sum over cells.
struct InsightsCell {
    var group: InsightsGroup?
    /// The group's `dim_type` and `dim_id`, the order groups are listed in (nil first).
    var groupOrder: [String?]
    var status: String
    var stage: String
    var subject: String
    var payerID: String
    var payerName: String
    var cases: Int
    /// Σ outstanding of the cell's cases, cents.
    var outstanding: Int
}

extension CaseInsights {
    /// The figures over `cells`: open cases by subject and by payer, cases by status, open outstanding
    /// by payer and subject, and the status counts (one row without a drill-down, else one per group
    /// that has any). Each list is ordered by group, then by its key, as the statements that once
    /// computed each figure ordered them.
    init(cells: [InsightsCell], split: Bool) {
        let open = cells.filter { $0.status == "active" }
        func counts(_ cells: [InsightsCell], key: (InsightsCell) -> String, name: ((InsightsCell) -> String)? = nil) -> [Count] {
            Self.sums(cells, key: { [key($0)] }) { first, members in
                Count(group: first.group, key: key(first), name: name?(first), count: members.reduce(0) { $0 + $1.cases })
            }
        }
        openBySubject = counts(open, key: \.subject)
        byStatus = counts(cells, key: \.status)
        openByPayer = counts(open, key: \.payerID, name: \.payerName)
        outstandingByPayerSubject = Self.sums(open, key: { [$0.payerID, $0.subject] }) { first, members in
            Outstanding(group: first.group, payerID: first.payerID, payerName: first.payerName, subject: first.subject,
                        outstanding: Cents(members.reduce(0) { $0 + $1.outstanding }))
        }
        let perGroup = Self.sums(cells, key: { _ in [] }) { first, members in
            StatusCounts(group: first.group,
                         canceled: members.filter { $0.status == "canceled" }.reduce(0) { $0 + $1.cases },
                         resolved: members.filter { $0.status == "resolved" }.reduce(0) { $0 + $1.cases },
                         inProgress: members.filter { $0.status == "active" && $0.stage == "in_progress" }.reduce(0) { $0 + $1.cases })
        }
        statusCounts = split
            ? perGroup.filter { $0.canceled != 0 || $0.resolved != 0 || $0.inProgress != 0 }
            : [perGroup.first ?? StatusCounts(group: nil, canceled: 0, resolved: 0, inProgress: 0)]
    }

    /// `cells` gathered by group and `key`, one figure per gathering, ordered by group then key.
    private static func sums<Figure>(_ cells: [InsightsCell], key: (InsightsCell) -> [String],
                                     figure: (InsightsCell, [InsightsCell]) -> Figure) -> [Figure] {
        var gathered: [[String?]: [InsightsCell]] = [:]
        for cell in cells { gathered[cell.groupOrder + key(cell).map { $0 }, default: []].append(cell) }
        return gathered.sorted { precedes($0.key, $1.key) }.map { figure($0.value[0], $0.value) }
    }

    /// Order of gathering keys: element by element, nil first, then by bytes (SQLite's BINARY collation).
    private static func precedes(_ left: [String?], _ right: [String?]) -> Bool {
        for (l, r) in zip(left, right) where l != r {
            guard let l else { return true }
            guard let r else { return false }
            return Array(l.utf8).lexicographicallyPrecedes(Array(r.utf8))
        }
        return left.count < right.count
    }
}
