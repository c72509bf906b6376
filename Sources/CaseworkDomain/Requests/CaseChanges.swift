/// A partial update of a case's fields. A nil member leaves the field as it is; for nullable
/// fields the inner optional says "clear it" (`.some(nil)`).
public struct CaseChanges: Sendable {
    public var subject: String?
    public var tags: [String]?
    public var carcCodes: [CARC]?
    public var resolvedCarcCodes: [CARC]?
    public var description: String?
    public var followUpBy: Day??
    public var priority: Priority?
    public var owner: Owner??
    public var stage: Stage?

    public init(subject: String? = nil, tags: [String]? = nil, carcCodes: [CARC]? = nil,
                resolvedCarcCodes: [CARC]? = nil, description: String? = nil, followUpBy: Day?? = nil,
                priority: Priority? = nil, owner: Owner?? = nil, stage: Stage? = nil) {
        self.subject = subject; self.tags = tags; self.carcCodes = carcCodes
        self.resolvedCarcCodes = resolvedCarcCodes; self.description = description
        self.followUpBy = followUpBy; self.priority = priority; self.owner = owner; self.stage = stage
    }

    /// Whether nothing would change.
    public var isEmpty: Bool {
        subject == nil && tags == nil && carcCodes == nil && resolvedCarcCodes == nil && description == nil
            && followUpBy == nil && priority == nil && owner == nil && stage == nil
    }

    /// `current` with these changes applied and the case rules checked (rule 3: needs an active
    /// case; rule 4: resolved ⊆ disputed). Does not touch revision or timestamps.
    /// - Throws: `CaseRuleViolation.caseNotActive`, `.resolvedCodesNotDisputed`.
    public func applied(to current: Case) throws(CaseRuleViolation) -> Case {
        try CaseRules.requireActive(current.status)
        var next = current
        if let subject { next.subject = subject }
        if let tags { next.tags = CaseRules.normalizedTags(tags) }
        if let carcCodes { next.carcCodes = CaseRules.distinct(carcCodes) }
        if let resolvedCarcCodes { next.resolvedCarcCodes = CaseRules.distinct(resolvedCarcCodes) }
        if let description { next.description = description }
        if let followUpBy { next.followUpBy = followUpBy }
        if let priority { next.priority = priority }
        if let owner { next.owner = owner }
        if let stage { next.stage = stage }
        try CaseRules.checkResolvedCodes(next.resolvedCarcCodes, disputed: next.carcCodes)
        return next
    }
}
