/// How urgent a case is; `normal` when not given. Ordered low < normal < high.
public enum Priority: String, Sendable, Hashable, CaseIterable, Comparable {
    case low, normal, high

    /// 0, 1, 2: the order used for sorting.
    public var rank: Int {
        switch self { case .low: 0; case .normal: 1; case .high: 2 }
    }

    public static func < (l: Priority, r: Priority) -> Bool { l.rank < r.rank }
}
