import CaseworkDomain
import X12

/// Posting one file inside its write transaction, payment after payment, with what every payment
/// of the file shares (rules, categories, the organization's setting) read once.
struct FilePosting {
    let db: any SQLExecutor
    let caller: Caller
    let sourceName: String?
    let today: Day
    let rules: [WorkRule]
    let categories: DenialCategories
    let autoResolvePaidCases: Bool
    var result = FilePostingResult(payments: [], warnings: [])
    /// Patients met in this file by (last, first, member id): one record per person.
    var patients: [String: String] = [:]
    /// Payers met in this file by their N1*PR loop: a file's payments usually share one.
    var payers: [ERAParty: Payer] = [:]

    init(_ db: any SQLExecutor, caller: Caller, sourceName: String?, today: Day) throws {
        self.db = db; self.caller = caller; self.sourceName = sourceName; self.today = today
        let org = caller.organizationID
        try db.lockOrganization(org)
        rules = try WorkRuleRepository.rules(db, organizationID: org)
        categories = try DenialCategoryRepository.categories(db, organizationID: org)
        autoResolvePaidCases = try db.queryOne("SELECT auto_resolve_paid_cases FROM organizations WHERE id = ?", [.text(org)])?
            .int("auto_resolve_paid_cases") == 1
    }

    /// Posts one payment, or reports it as a duplicate of the one posted before.
    mutating func post(_ era: ERAPayment) throws {
        let org = caller.organizationID
        let payer = try payers[era.payer] ?? PayerMatching.payer(db, organizationID: org, party: era.payer, actorID: caller.userID)
        payers[era.payer] = payer
        if let earlier = try db.queryOne(
            "SELECT summary FROM remittance_payments WHERE organization_id = ? AND payer_id = ? AND fingerprint = ?",
            [.text(org), .text(payer.id), .text(era.fingerprint)]) {
            var summary = try PostingSummaryCoding.decode(earlier.string("summary"))
            summary.duplicate = true
            result.payments.append(summary)
            return
        }
        let advice = try PaymentAdvice(era: era)
        var warnings: [String] = []
        if try db.queryOne("SELECT 1 AS found FROM remittance_payments WHERE organization_id = ? AND payer_id = ? AND trace_number = ?",
                           [.text(org), .text(payer.id), .text(era.traceNumber)]) != nil {
            warnings.append("Trace number \(era.traceNumber) was used before by this payer for a payment with other content; both are posted.")
        }
        let state = try PostingStateLoader.load(db, organizationID: org, payerID: payer.id, advice: advice, rules: rules,
                                                categories: categories, autoResolvePaidCases: autoResolvePaidCases, today: today)
        let plan = PostingPlanner.plan(advice, state: state)
        var applier = PlanApplier(db: db, caller: caller, era: era, advice: advice, payer: payer, sourceName: sourceName, patients: patients)
        var summary = try applier.apply(plan, state: state)
        patients = applier.patients
        summary.warnings = warnings + plan.warnings + summary.warnings
        try db.execute("UPDATE remittance_payments SET summary = ? WHERE id = ?",
                       [.text(try PostingSummaryCoding.encode(summary)), .text(summary.remittanceId)])
        result.payments.append(summary)
    }
}
