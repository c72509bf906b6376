import CaseworkDomain

/// Cases: creation, reads, field changes, the lifecycle and claim links. Owns rule 1
/// (one active case per claim) through the `one_active_case_per_claim` partial unique index.
public struct CaseRepository: Sendable {
    let database: SQLiteDatabase

    /// Opens a case on the given claims.
    /// - Throws: `CaseRuleViolation` (no claims, duplicate claim, payer mismatch, unknown subject,
    ///   resolved codes not disputed, submission of another claim, claim held by an active case);
    ///   `StorageError.invalidReference` for an unknown claim, submission or owner.
    /// A case opened without an owner gets one from the first work rule its payer, subject, CARCs
    /// and denied amount match (and the rule's follow-up when none was given).
    public func create(caller: Caller, newCase: NewCase) throws -> CaseRecord {
        try database.write { db in try Self.create(db, caller: caller, newCase: newCase, applyRules: true) }
    }

    static func create(_ db: SQLiteConnection, caller: Caller, newCase: NewCase, applyRules: Bool = false) throws -> CaseRecord {
        let theCase = try open(db, caller: caller, newCase: newCase, applyRules: applyRules)
        guard let record = try Self.record(db, organizationID: caller.organizationID, id: theCase.id) else {
            throw StorageError.notFound(entity: "case", id: theCase.id)
        }
        return record
    }

    /// Writes a new case (rules, checks, labels, audit, timeline, claim links) and returns its value;
    /// `openedByRuleID` marks a case a work rule opened, so that grouping finds it.
    static func open(_ db: SQLiteConnection, caller: Caller, newCase: NewCase, applyRules: Bool, openedByRuleID: String? = nil) throws -> Case {
        let org = caller.organizationID
        var newCase = newCase
        try Self.requireSubject(db, organizationID: org, subject: newCase.subject)
        var facts: [(claimID: String, payerID: String, patientID: String?)] = []
        for (index, link) in newCase.claims.enumerated() {
            let claim = try Self.linkableClaim(db, organizationID: org, link: link, pointer: "/claims/\(index)")
            facts.append((claim.id, claim.payerID, claim.patientID))
        }
        let payerID = try Self.sharedPayer(db, of: facts.map { ($0.claimID, $0.payerID) })
        if applyRules, newCase.owner == nil {
            try Self.assignByRule(db, organizationID: org, payerID: payerID, newCase: &newCase, claimIDs: facts.map(\.claimID))
        }
        if let owner = newCase.owner { try Self.requireOwner(db, organizationID: org, owner: owner) }
        let carcs = CaseRules.distinct(newCase.carcCodes)
        let resolved = CaseRules.distinct(newCase.resolvedCarcCodes)
        try CaseRules.checkResolvedCodes(resolved, disputed: carcs)

        let sequence = try db.queryOne("SELECT next_case_number FROM organizations WHERE id = ?", [.text(org)])?.int("next_case_number") ?? 1
        try db.execute("UPDATE organizations SET next_case_number = ? WHERE id = ?", [SQLValue(sequence + 1), .text(org)])
        let now = Instant.now()
        let theCase = Case(
            id: Identifier.make("case"), number: CaseNumber(sequence: sequence), payerID: payerID,
            patientID: CaseRules.sharedPatient(of: facts.map(\.patientID)), subject: newCase.subject,
            tags: CaseRules.normalizedTags(newCase.tags), carcCodes: carcs, resolvedCarcCodes: resolved,
            description: newCase.description, followUpBy: newCase.followUpBy, priority: newCase.priority,
            owner: newCase.owner, stage: newCase.stage, status: .active, resolutionNote: nil, createdAt: now,
            createdBy: caller.userID, updatedAt: now, updatedBy: caller.userID, resolvedAt: nil, canceledAt: nil, revision: 1)
        try db.execute(
            """
            INSERT INTO cases (id, organization_id, number, payer_id, patient_id, subject, description, follow_up_by,
                priority, owner_type, owner_id, stage, status, created_at, created_by, updated_at, updated_by, revision, opened_by_rule_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, 1, ?)
            """,
            [.text(theCase.id), .text(org), SQLValue(sequence), .text(payerID), SQLValue(theCase.patientID),
             .text(theCase.subject), .text(theCase.description), SQLValue(theCase.followUpBy?.description),
             .text(theCase.priority.rawValue), SQLValue(theCase.owner?.kind), SQLValue(theCase.owner?.id),
             .text(theCase.stage.rawValue), .text(now.description), .text(caller.userID), .text(now.description),
             .text(caller.userID), SQLValue(openedByRuleID)])
        try Self.saveLabels(db, theCase)
        try AuditLog.record(db, organizationID: org, actorID: caller.userID, entityType: "case", entityID: theCase.id,
                            action: "create", changes: CaseAudit.changes(from: nil, to: theCase) + [.init(
                                field: "claims", before: AuditLog.value(nil),
                                after: newCase.claims.map { ["claim_id": $0.claimID, "submission_id": AuditLog.value($0.submissionID)] })],
                            at: now.description)
        try SystemEvents.record(db, caller: caller, caseID: theCase.id, event: .caseOpened, facts: ["number": .text(theCase.number.description)], at: now)
        for link in newCase.claims {
            try Self.link(db, caller: caller, caseID: theCase.id, claimID: link.claimID, submissionID: link.submissionID, at: now)
        }
        return theCase
    }

    /// Owner (and follow-up, when absent) from the first matching rule that opens or groups cases.
    static func assignByRule(_ db: SQLiteConnection, organizationID: String, payerID: String, newCase: inout NewCase, claimIDs: [String]) throws {
        let rules = try WorkRuleRepository.rules(db, organizationID: organizationID)
        guard !rules.isEmpty else { return }
        var denied = 0
        for id in claimIDs {
            denied += try db.queryOne("SELECT denied_cents FROM claims WHERE id = ?", [.text(id)])?.int("denied_cents") ?? 0
        }
        let finding = DenialFinding(kind: .denial, amount: Cents(denied), reasons: newCase.carcCodes, remarkCodes: [], category: newCase.subject)
        guard let rule = WorkRule.first(of: rules, payerID: payerID, finding: finding), rule.action != .leave, let owner = rule.owner else { return }
        newCase.owner = owner
        if newCase.followUpBy == nil, let days = rule.followUpDays { newCase.followUpBy = Instant.now().day.adding(days: days) }
    }

    /// The case `id` of the organization, or nil.
    public func get(organizationID: String, id: String) throws -> CaseRecord? {
        try database.read { db in try Self.record(db, organizationID: organizationID, id: id) }
    }

    /// The organization's subject list must hold `subject`.
    static func requireSubject(_ db: SQLiteConnection, organizationID: String, subject: String) throws {
        guard try db.queryOne("SELECT 1 AS found FROM subjects WHERE organization_id = ? AND name = ?",
                              [.text(organizationID), .text(subject)]) != nil else {
            throw CaseRuleViolation.unknownSubject(subject)
        }
    }

    /// `CaseRules.sharedPayer`, with both payers' names added to a mismatch so the client reads who they are.
    static func sharedPayer(_ db: SQLiteConnection, of claims: [(claimID: String, payerID: String)]) throws -> String {
        do {
            return try CaseRules.sharedPayer(of: claims)
        } catch .payerMismatch(let claimID, let casePayerID, let claimPayerID, _, _) {
            func name(_ id: String) throws -> String? {
                try db.queryOne("SELECT name FROM payers WHERE id = ?", [.text(id)])?.string("name")
            }
            throw CaseRuleViolation.payerMismatch(claimID: claimID, casePayerID: casePayerID, claimPayerID: claimPayerID,
                                                  casePayerName: try name(casePayerID), claimPayerName: try name(claimPayerID))
        }
    }

    /// The owner must be a team of the organization or a user of it who can work cases (`CaseWorkers`).
    static func requireOwner(_ db: SQLiteConnection, organizationID: String, owner: Owner) throws {
        if owner.kind == "user" {
            return try CaseWorkers.requireUser(db, organizationID: organizationID, userID: owner.id, field: "/owner/id")
        }
        guard try db.queryOne("SELECT 1 AS found FROM teams WHERE organization_id = ? AND id = ?",
                              [.text(organizationID), .text(owner.id)]) != nil else {
            throw StorageError.invalidReference(field: "/owner/id", id: owner.id)
        }
    }

    /// Rewrites the case's tags and CARC rows from the value.
    static func saveLabels(_ db: SQLiteConnection, _ theCase: Case) throws {
        try db.execute("DELETE FROM case_tags WHERE case_id = ?", [.text(theCase.id)])
        for (position, tag) in theCase.tags.enumerated() {
            try db.execute("INSERT INTO case_tags (case_id, position, tag) VALUES (?, ?, ?)", [.text(theCase.id), SQLValue(position), .text(tag)])
        }
        try db.execute("DELETE FROM case_carc_codes WHERE case_id = ?", [.text(theCase.id)])
        let resolved = Set(theCase.resolvedCarcCodes)
        for (position, code) in theCase.carcCodes.enumerated() {
            try db.execute("INSERT INTO case_carc_codes (case_id, position, code, resolved) VALUES (?, ?, ?, ?)",
                           [.text(theCase.id), SQLValue(position), .text(code.description), SQLValue(resolved.contains(code))])
        }
    }
}
