import CaseworkDomain

/// Opening a case: the checks, the owner a work rule gives, the number, the row, its audit event,
/// timeline entry and claim links.
enum CaseOpening {
    /// Writes a new case and returns its value; `openedByRuleID` marks a case a work rule opened,
    /// so that grouping finds it. With `applyRules`, a case without an owner gets one from the
    /// first matching work rule.
    /// - Throws: as `CaseWork.create`.
    static func open(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, newCase: NewCase, applyRules: Bool,
                            openedByRuleID: String? = nil) throws -> Case {
        let org = caller.organizationID
        var newCase = newCase
        try requireSubject(tx, organizationID: org, subject: newCase.subject)
        var facts: [(claimID: String, payerID: String, patientID: String?)] = []
        for (index, link) in newCase.claims.enumerated() {
            let claim = try ClaimLinks.linkableClaim(tx, organizationID: org, link: link, pointer: "/claims/\(index)")
            facts.append((claim.id, claim.payerID, claim.patientID))
        }
        let payerID = try sharedPayer(tx, of: facts.map { ($0.claimID, $0.payerID) })
        let now = ambient.now()
        if applyRules, newCase.owner == nil {
            try assignByRule(tx, organizationID: org, payerID: payerID, newCase: &newCase, claimIDs: facts.map(\.claimID), today: now.day)
        }
        if let owner = newCase.owner { try requireOwner(tx, organizationID: org, owner: owner) }
        let carcs = CaseRules.distinct(newCase.carcCodes)
        let resolved = CaseRules.distinct(newCase.resolvedCarcCodes)
        try CaseRules.checkResolvedCodes(resolved, disputed: carcs)

        let sequence = try tx.takeCaseNumber(organizationID: org)
        let theCase = Case(
            id: ambient.newID("case"), number: CaseNumber(sequence: sequence), payerID: payerID,
            patientID: CaseRules.sharedPatient(of: facts.map(\.patientID)), subject: newCase.subject,
            tags: CaseRules.normalizedTags(newCase.tags), carcCodes: carcs, resolvedCarcCodes: resolved,
            description: newCase.description, followUpBy: newCase.followUpBy, priority: newCase.priority,
            owner: newCase.owner, stage: newCase.stage, status: .active, resolutionNote: nil, createdAt: now,
            createdBy: caller.userID, updatedAt: now, updatedBy: caller.userID, resolvedAt: nil, canceledAt: nil, revision: 1)
        try tx.insertCase(theCase, organizationID: org, openedByRuleID: openedByRuleID)
        try tx.insertAuditEntry(.onCase(theCase.id, by: caller, action: "create",
                                        changes: CaseAudit.changes(from: nil, to: theCase) + [CaseAudit.linked(newCase.claims)], at: now))
        try SystemEvents.record(tx, ambient, caller: caller, caseID: theCase.id, event: .caseOpened,
                                facts: ["number": .text(theCase.number.description)], at: now)
        for link in newCase.claims {
            try ClaimLinks.link(tx, ambient, caller: caller, caseID: theCase.id, claimID: link.claimID, submissionID: link.submissionID, at: now)
        }
        return theCase
    }

    /// Owner (and follow-up, when absent, counted from `today`) from the first matching rule that opens or groups cases.
    static func assignByRule(_ tx: any ReadTransaction, organizationID: String, payerID: String, newCase: inout NewCase,
                             claimIDs: [String], today: Day) throws {
        let rules = try tx.workRules(organizationID: organizationID)
        guard !rules.isEmpty else { return }
        var denied = 0
        for id in claimIDs { denied += try tx.deniedCents(claimID: id) }
        let finding = DenialFinding(kind: .denial, amount: Cents(denied), reasons: newCase.carcCodes, remarkCodes: [], category: newCase.subject)
        guard let rule = WorkRule.first(of: rules, payerID: payerID, finding: finding), rule.action != .leave, let owner = rule.owner else { return }
        newCase.owner = owner
        if newCase.followUpBy == nil, let days = rule.followUpDays { newCase.followUpBy = today.adding(days: days) }
    }

    /// The organization's subject list must hold `subject`.
    /// - Throws: `CaseRuleViolation.unknownSubject`.
    static func requireSubject(_ tx: any ReadTransaction, organizationID: String, subject: String) throws {
        guard try tx.subjectExists(organizationID: organizationID, subject: subject) else {
            throw CaseRuleViolation.unknownSubject(subject)
        }
    }

    /// `CaseRules.sharedPayer`, with both payers' names added to a mismatch so the client reads who they are.
    static func sharedPayer(_ tx: any ReadTransaction, of claims: [(claimID: String, payerID: String)]) throws -> String {
        do {
            return try CaseRules.sharedPayer(of: claims)
        } catch .payerMismatch(let claimID, let casePayerID, let claimPayerID, _, _) {
            throw CaseRuleViolation.payerMismatch(claimID: claimID, casePayerID: casePayerID, claimPayerID: claimPayerID,
                                                  casePayerName: try tx.payerName(payerID: casePayerID),
                                                  claimPayerName: try tx.payerName(payerID: claimPayerID))
        }
    }

    /// The owner must be a team of the organization or a user of it who can work cases.
    /// - Throws: `StorageError.invalidReference` at `/owner/id`, `.cannotWorkCases` for a viewer.
    static func requireOwner(_ tx: any ReadTransaction, organizationID: String, owner: Owner) throws {
        if owner.kind == "user" {
            return try requireCaseWorker(tx, organizationID: organizationID, userID: owner.id, field: "/owner/id")
        }
        guard try tx.teamExists(organizationID: organizationID, teamID: owner.id) else {
            throw StorageError.invalidReference(field: "/owner/id", id: owner.id)
        }
    }

    /// An owner or a task assignee must be a user of the organization whose role can change cases (biller or admin).
    /// - Throws: `StorageError.invalidReference` when the organization has no such user, `.cannotWorkCases`
    ///   when the user is a viewer; both at `field`.
    static func requireCaseWorker(_ tx: any ReadTransaction, organizationID: String, userID: String, field: String) throws {
        guard let role = try tx.userRole(organizationID: organizationID, userID: userID) else {
            throw StorageError.invalidReference(field: field, id: userID)
        }
        guard role.includes(.biller) else {
            throw StorageError.cannotWorkCases(field: field, userID: userID, role: role.rawValue)
        }
    }
}
