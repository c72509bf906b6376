import CaseworkDomain
import CaseworkUseCases

extension RemittanceRepository {
    /// Payments matching `filter`, ordered by id, a page at a time.
    public func list(organizationID: String, filter: RemittanceFilter, page: PageRequest) throws -> Page<RemittancePaymentRecord> {
        var conditions = ["p.organization_id = ?"]
        var bindings: [SQLValue] = [.text(organizationID)]
        if let payer = filter.payerID { conditions.append("p.payer_id = ?"); bindings.append(.text(payer)) }
        if let trace = filter.traceNumber { conditions.append("p.trace_number = ?"); bindings.append(.text(trace)) }
        if let from = filter.paidFrom { conditions.append("p.payment_date >= ?"); bindings.append(.text(from.description)) }
        if let to = filter.paidTo { conditions.append("p.payment_date <= ?"); bindings.append(.text(to.description)) }
        let whereClause = conditions.joined(separator: " AND ")
        return try database.read { db in
            try page.keyed(list: "remittances", column: "p.id", key: { (r: RemittancePaymentRecord) in r.id }) { clause, extra, limit in
                try db.query("\(Self.paymentSelect) WHERE \(whereClause)\(clause) ORDER BY p.id LIMIT ?",
                             bindings + extra + [.integer(Int64(limit))]).map(Self.payment)
            }
        }
    }

    /// The payment `id` with its claims, lines, adjustments, PLB and imbalances; nil when the organization has none.
    public func detail(organizationID: String, id: String) throws -> RemittanceDetail? {
        try database.read { db in
            guard let row = try db.queryOne("\(Self.paymentSelect) WHERE p.organization_id = ? AND p.id = ?",
                                            [.text(organizationID), .text(id)]) else { return nil }
            let payment = Self.payment(row)
            let claims = try db.query(
                "\(Self.remitSelect) WHERE r.payment_id = ? ORDER BY r.position", [.text(id)]).map { try Self.remit(db, $0) }
            let plb = try db.query("SELECT * FROM remittance_provider_adjustments WHERE payment_id = ? ORDER BY position", [.text(id)]).map {
                ProviderAdjustmentRecord(providerID: $0.string("provider_id"), fiscalPeriodDate: $0.optionalString("fiscal_period_date"),
                                         reason: $0.string("reason"), reference: $0.optionalString("reference"), amountCents: $0.int("amount_cents"))
            }
            let imbalances = try db.query("SELECT * FROM remittance_imbalances WHERE payment_id = ? ORDER BY position", [.text(id)]).map {
                PostedImbalance(level: $0.string("level"), claimNumber: $0.optionalString("claim_number"), lineNumber: $0.optionalInt("line_number"),
                                expectedCents: $0.int("expected_cents"), actualCents: $0.int("actual_cents"), differenceCents: $0.int("difference_cents"))
            }
            return RemittanceDetail(payment: payment, claims: claims, providerAdjustments: plb, imbalances: imbalances)
        }
    }

    /// A claim's remits, oldest first, each with its lines and adjustments.
    /// - Throws: `StorageError.notFound` when the claim is not the organization's.
    public func history(organizationID: String, claimID: String) throws -> [ClaimRemitRecord] {
        try database.read { db in
            try ClaimRepository.requireClaim(db, organizationID: organizationID, claimID: claimID)
            return try Self.history(db, claimID: claimID)
        }
    }

    static func history(_ db: any SQLExecutor, claimID: String) throws -> [ClaimRemitRecord] {
        try db.query("\(remitSelect) WHERE r.claim_id = ? ORDER BY r.seq, r.rowid", [.text(claimID)]).map { try remit(db, $0) }
    }

    static let paymentSelect = """
        SELECT p.*, (SELECT COUNT(*) FROM remittances r WHERE r.payment_id = p.id) AS claim_count,
               (SELECT COUNT(*) FROM remittance_imbalances i WHERE i.payment_id = p.id) AS imbalance_count
        FROM remittance_payments p
        """

    static let remitSelect = """
        SELECT r.*, c.claim_number, p.trace_number FROM remittances r JOIN claims c ON c.id = r.claim_id
        LEFT JOIN remittance_payments p ON p.id = r.payment_id
        """

    static func payment(_ row: SQLRow) -> RemittancePaymentRecord {
        RemittancePaymentRecord(
            id: row.string("id"), payerID: row.string("payer_id"), payerName: row.string("payer_name"), traceNumber: row.string("trace_number"),
            paymentDate: row.optionalString("payment_date"), productionDate: row.optionalString("production_date"),
            totalPaymentCents: row.int("total_payment_cents"), handlingCode: row.string("handling_code"),
            creditDebit: row.optionalString("credit_debit"), paymentMethod: row.optionalString("payment_method"),
            payerIdentifier: row.optionalString("payer_identifier"), payeeName: row.optionalString("payee_name"),
            payeeIdentifier: row.optionalString("payee_identifier"), version: row.optionalString("version"),
            sourceName: row.optionalString("source_name"), postedAt: row.string("posted_at"), claimCount: row.int("claim_count"),
            imbalanceCount: row.int("imbalance_count"))
    }

    static func remit(_ db: any SQLExecutor, _ row: SQLRow) throws -> ClaimRemitRecord {
        let id = row.string("id")
        let adjustments = try db.query("SELECT * FROM remittance_adjustments WHERE remittance_id = ? ORDER BY position", [.text(id)])
            .compactMap { a -> AdjustmentRecord? in
                guard let group = AdjustmentGroup(rawValue: a.string("group_code")), let carc = CARC(group: group, code: a.string("carc")) else { return nil }
                return AdjustmentRecord(carc: carc, amountCents: a.int("amount_cents"),
                                        level: RemittanceAdjustment.Level(rawValue: a.string("level")) ?? .claim, lineNumber: a.optionalInt("line_number"))
            }
        let lines = try db.query("SELECT * FROM remittance_service_lines WHERE remittance_id = ? ORDER BY line_number", [.text(id)]).map {
            ServiceLineRecord(lineNumber: $0.int("line_number"), procedure: $0.string("procedure_code"), chargeCents: $0.int("charge_cents"),
                              paidCents: $0.int("paid_cents"), revenueCode: $0.optionalString("revenue_code"), units: $0.optionalString("units"),
                              serviceDate: $0.optionalString("service_date"), serviceEndDate: $0.optionalString("service_end_date"),
                              controlNumber: $0.optionalString("control_number"), allowedCents: $0.optionalInt("allowed_cents"),
                              remarkCodes: $0.string("remark_codes").split(separator: " ").map(String.init))
        }
        return ClaimRemitRecord(
            id: id, claimID: row.string("claim_id"), claimNumber: row.string("claim_number"), paymentID: row.optionalString("payment_id"),
            traceNumber: row.optionalString("trace_number"), statusCode: row.string("status_code"), chargeCents: row.optionalInt("charge_cents"),
            paidCents: row.int("paid_cents"), patientResponsibilityCents: row.int("patient_responsibility_cents"),
            paidOn: row.optionalString("paid_on"), payerClaimNumber: row.optionalString("payer_claim_number"),
            remarkCodes: row.string("remark_codes").split(separator: " ").map(String.init), sourceFile: row.optionalString("source_file"),
            adjustments: adjustments, serviceLines: lines)
    }
}
