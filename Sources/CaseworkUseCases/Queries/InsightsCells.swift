import CaseworkDomain

/// One cell of Case Insights: the cases of one drill-down group with one status, stage, subject and
/// payer, as storage reads them from the case rollups in one grouped statement; every figure of
/// `CaseInsights` is a sum over cells (`CaseInsights.init(cells:split:)`).
public struct InsightsCell: Sendable, Hashable {
    public var group: InsightsGroup?
    /// `active`, `resolved` or `canceled`.
    public var status: String
    /// `new`, `in_progress` or `awaiting_payment`.
    public var stage: String
    public var subject: String
    public var payerID: String
    public var payerName: String
    /// How many cases the cell holds.
    public var cases: Int
    /// Σ outstanding of the cell's cases, cents.
    public var outstanding: Int

    /// A value with every field given (as documented on the type).
    public init(group: InsightsGroup?, status: String, stage: String, subject: String, payerID: String, payerName: String,
                cases: Int, outstanding: Int) {
        self.group = group; self.status = status; self.stage = stage; self.subject = subject
        self.payerID = payerID; self.payerName = payerName; self.cases = cases; self.outstanding = outstanding
    }
}

extension CaseInsights {
    /// The figures over `cells`: open cases by subject and by payer, cases by status, open outstanding
    /// by payer and subject, and the status counts (one row without a drill-down, else one per group
    /// that has any). Each list is ordered by group, then by its key, as the statements that once
    /// computed each figure ordered them. A pure function of the cells.
    public init(cells: [InsightsCell], split: Bool) {
        let gathering = CellGathering(cells)
        let open = { (cell: InsightsCell) in cell.status == "active" }
        func counts(_ include: @escaping (InsightsCell) -> Bool, key: (InsightsCell) -> String,
                    name: ((InsightsCell) -> String)? = nil) -> [Count] {
            gathering.figures(include, key: key) { first, members in
                Count(group: first.group, key: key(first), name: name?(first), count: members.reduce(0) { $0 + $1.cases })
            }
        }
        let openBySubject = counts(open, key: \.subject)
        let byStatus = counts({ _ in true }, key: \.status)
        let openByPayer = counts(open, key: \.payerID, name: \.payerName)
        // "\u{0}" sorts below every other byte: (payer, subject) pairs order as the pairs do.
        let outstandingByPayerSubject = gathering.figures(open, key: { $0.payerID + "\u{0}" + $0.subject }) { first, members in
            Outstanding(group: first.group, payerID: first.payerID, payerName: first.payerName, subject: first.subject,
                        outstanding: Cents(members.reduce(0) { $0 + $1.outstanding }))
        }
        let perGroup = gathering.figures({ _ in true }, key: { _ in "" }) { first, members in
            StatusCounts(group: first.group,
                         canceled: members.filter { $0.status == "canceled" }.reduce(0) { $0 + $1.cases },
                         resolved: members.filter { $0.status == "resolved" }.reduce(0) { $0 + $1.cases },
                         inProgress: members.filter { $0.status == "active" && $0.stage == "in_progress" }.reduce(0) { $0 + $1.cases })
        }
        let statusCounts = split
            ? perGroup.filter { $0.canceled != 0 || $0.resolved != 0 || $0.inProgress != 0 }
            : [perGroup.first ?? StatusCounts(group: nil, canceled: 0, resolved: 0, inProgress: 0)]
        self.init(openBySubject: openBySubject, byStatus: byStatus, openByPayer: openByPayer,
                  outstandingByPayerSubject: outstandingByPayerSubject, statusCounts: statusCounts)
    }
}

/// Cells with their groups ranked once (by `dim_type`, then `dim_id`, nil first, then by bytes as
/// a binary collation orders them: the order the rollup statements listed groups in), gathered per
/// figure by (group, key).
private struct CellGathering {
    let cells: [InsightsCell]
    /// The rank of each cell's group.
    let ranks: [Int]

    init(_ cells: [InsightsCell]) {
        self.cells = cells
        let ordered = Set(cells.map(\.group)).sorted { CellGathering.precedes(CellGathering.order($0), CellGathering.order($1)) }
        let rank = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($0.element, $0.offset) })
        ranks = cells.map { rank[$0.group]! }
    }

    private struct Slot: Hashable { var rank: Int; var key: String }

    /// One figure per (group, key) of the cells `include` keeps, in group order, then key order.
    func figures<Figure>(_ include: (InsightsCell) -> Bool, key: (InsightsCell) -> String,
                         figure: (InsightsCell, [InsightsCell]) -> Figure) -> [Figure] {
        var gathered: [Slot: [InsightsCell]] = [:]
        for (cell, rank) in zip(cells, ranks) where include(cell) {
            gathered[Slot(rank: rank, key: key(cell)), default: []].append(cell)
        }
        return gathered.sorted { left, right in
            left.key.rank != right.key.rank ? left.key.rank < right.key.rank
                : left.key.key.utf8.lexicographicallyPrecedes(right.key.key.utf8)
        }.map { figure($0.value[0], $0.value) }
    }

    /// A group's `dim_type` and `dim_id`, as the statements listed groups by.
    private static func order(_ group: InsightsGroup?) -> [String?] {
        switch group {
        case nil, .owner(nil, _)?: [nil, nil]
        case .owner(let owner?, _)?: [owner.kind, owner.id]
        case .carcCode(let code)?: ["carc", code]
        }
    }

    /// Element by element, nil first, then by bytes.
    private static func precedes(_ left: [String?], _ right: [String?]) -> Bool {
        for (l, r) in zip(left, right) where l != r {
            guard let l else { return true }
            guard let r else { return false }
            return l.utf8.lexicographicallyPrecedes(r.utf8)
        }
        return left.count < right.count
    }
}
