import CaseworkDomain
import X12

/// Posting one file inside its write transaction, payment after payment, with what every payment
/// of the file shares (rules, categories, the organization's setting) read once.
struct FilePosting {
    let tx: any WriteTransaction
    let ambient: Ambient
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

    /// Makes the posting the organization's only writer until the transaction ends and reads what
    /// the file's payments share.
    init(_ tx: any WriteTransaction, _ ambient: Ambient, caller: Caller, sourceName: String?, today: Day) throws {
        self.tx = tx; self.ambient = ambient; self.caller = caller; self.sourceName = sourceName; self.today = today
        let org = caller.organizationID
        // Reading the settings for change locks the organization's row: the lock above.
        autoResolvePaidCases = try tx.settingsForChange(organizationID: org)?.autoResolvePaidCases ?? false
        try tx.expectManyRows()
        rules = try tx.workRules(organizationID: org)
        categories = try tx.denialCategories(organizationID: org)
    }

    /// Posts one payment, or reports it as a duplicate of the one posted before.
    mutating func post(_ era: ERAPayment) throws {
        let org = caller.organizationID
        let payer = try payers[era.payer] ?? PayerMatching.payer(tx, ambient, organizationID: org, party: era.payer, actorID: caller.userID)
        payers[era.payer] = payer
        if var earlier = try tx.postedSummary(organizationID: org, payerID: payer.id, fingerprint: era.fingerprint) {
            earlier.duplicate = true
            result.payments.append(earlier)
            return
        }
        let advice = try PaymentAdvice(era: era)
        var warnings: [String] = []
        if try tx.traceNumberPosted(organizationID: org, payerID: payer.id, traceNumber: era.traceNumber) {
            warnings.append("Trace number \(era.traceNumber) was used before by this payer for a payment with other content; both are posted.")
        }
        let state = try tx.postingState(organizationID: org, payerID: payer.id, advice: advice, rules: rules, categories: categories,
                                        autoResolvePaidCases: autoResolvePaidCases, today: today)
        let plan = PostingPlanner.plan(advice, state: state)
        var applier = PlanApplier(tx: tx, ambient: ambient, caller: caller, era: era, advice: advice, payer: payer, sourceName: sourceName,
                                  patients: patients)
        var summary = try applier.apply(plan, state: state)
        patients = applier.patients
        summary.warnings = warnings + plan.warnings + summary.warnings
        try tx.savePostingSummary(summary, paymentID: summary.remittanceId)
        result.payments.append(summary)
    }
}
