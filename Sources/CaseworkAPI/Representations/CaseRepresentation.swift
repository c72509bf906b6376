import CaseworkDomain
import CaseworkUseCases

/// JSON shape of a case with its derived totals and claims.
enum CaseRepresentation {
    /// The case; `meanings` gives its CARCs' descriptions (`carcs`).
    static func `case`(_ record: CaseRecord, meanings: CodeMeanings) -> JSONValue {
        let c = record.case
        let totals = record.totals
        return .object([
            ("id", .string(c.id)), ("number", .string(c.number.description)),
            ("payer", payer(c, record.payerName)), ("patient", patient(c, record.patientName)),
            ("subject", .string(c.subject)), ("tags", .strings(c.tags)),
            ("carc_codes", .strings(c.carcCodes.map(\.description))), ("carcs", meanings.carcs(c.carcCodes)),
            ("resolved_carc_codes", .strings(c.resolvedCarcCodes.map(\.description))),
            ("description", .string(c.description)), ("follow_up_by", .optional(c.followUpBy?.description)),
            ("priority", .string(c.priority.rawValue)),
            ("owner", owner(c, record.ownerName)),
            ("stage", .string(c.stage.rawValue)), ("status", .string(c.status.rawValue)),
            ("open_tasks", .strings(record.openTasks)),
            ("deadline", .optional(record.deadline?.description)), ("payment_received", .bool(record.paymentReceived)),
            ("totals", .object([
                ("billable_start", .optional(totals.billableStart?.description)),
                ("billable_end", .optional(totals.billableEnd?.description)),
                ("total_expected_cents", .int(totals.totalExpected.amount)),
                ("total_paid_cents", .int(totals.totalPaid.amount)),
                ("total_outstanding_cents", .int(totals.totalOutstanding.amount)),
                ("total_cost_share_outstanding_cents", .int(totals.totalCostShareOutstanding.amount)),
            ])),
            ("claims", .array(claims(record))),
            ("resolution_note", .optional(c.resolutionNote)),
            ("created_at", .string(c.createdAt.description)), ("created_by", .string(c.createdBy)),
            ("updated_at", .string(c.updatedAt.description)), ("updated_by", .string(c.updatedBy)),
            ("resolved_at", .optional(c.resolvedAt?.description)), ("canceled_at", .optional(c.canceledAt?.description)),
            ("revision", .int(c.revision)),
        ])
    }

    /// The case's claims: which claim, which submission (null: all), when linked, and its amounts.
    static func claims(_ record: CaseRecord) -> [JSONValue] {
        record.claims.map { linked in
            .object([
                ("claim_id", .string(linked.claim.id)), ("claim_number", .string(linked.claim.claimNumber)),
                ("submission_id", .optional(linked.submissionID)), ("linked_at", .string(linked.linkedAt.description)),
            ] + ClaimRepresentation.amounts(linked.claim.amounts))
        }
    }

    /// `{"id", "name"}` of the case's payer.
    static func payer(_ c: Case, _ name: String) -> JSONValue {
        .object([("id", .string(c.payerID)), ("name", .string(name))])
    }

    /// `{"id", "name"}` of the case's patient, or null when its claims have several.
    static func patient(_ c: Case, _ name: String?) -> JSONValue {
        c.patientID.map { .object([("id", .string($0)), ("name", .optional(name))]) } ?? .null
    }

    /// `{"type", "id", "name"}` of the case's owner, or null.
    static func owner(_ c: Case, _ name: String?) -> JSONValue {
        c.owner.map { .object([("type", .string($0.kind)), ("id", .string($0.id)), ("name", .optional(name))]) } ?? .null
    }

    /// The strong ETag of a case whose JSON is `body` at `revision` (RFC 9110 §8.8.3):
    /// `"r<revision>-<the first 8 bytes of the body's SHA-256 in lower-case hex>"`. It changes
    /// whenever the bytes do, also when only what the case shows of other records moved (a claim's
    /// amounts, a payer's or owner's name, a CARC's meaning), which leaves the revision as it was.
    static func etag(revision: Int, body: [UInt8]) -> String {
        "\"r\(revision)-" + Hex.sha256(body).prefix(16) + "\""
    }
}
