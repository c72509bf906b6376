import CaseworkDomain

/// The field-by-field difference of two versions of a case, for the audit log.
enum CaseAudit {
    /// Changed fields from `before` (nil: creation, every field from null) to `after`.
    static func changes(from before: Case?, to after: Case) -> [AuditChange] {
        func fields(_ c: Case?) -> [(String, AuditValue)] {
            [
                ("subject", (c?.subject).auditValue),
                ("tags", (c?.tags).auditValue),
                ("carc_codes", (c?.carcCodes.map(\.description)).auditValue),
                ("resolved_carc_codes", (c?.resolvedCarcCodes.map(\.description)).auditValue),
                ("description", (c?.description).auditValue),
                ("follow_up_by", (c?.followUpBy?.description).auditValue),
                ("priority", (c?.priority.rawValue).auditValue),
                ("owner", (c?.owner?.reference).auditValue),
                ("stage", (c?.stage.rawValue).auditValue),
                ("status", (c?.status.rawValue).auditValue),
                ("patient_id", (c?.patientID).auditValue),
                ("resolution_note", (c?.resolutionNote).auditValue),
            ]
        }
        let old = fields(before)
        return zip(old, fields(after)).compactMap { pair in
            let (name, was) = pair.0
            let now = pair.1.1
            return was == now ? nil : AuditChange(field: name, before: was, after: now)
        }
    }

    /// The `claims` change of a request that linked claims: `[{claim_id, submission_id}]`.
    static func linked(_ claims: [(claimID: String, submissionID: String?)]) -> AuditChange {
        AuditChange(field: "claims", before: AuditValue.null,
                    after: AuditValue.list(claims.map { .object(["claim_id": .text($0.claimID), "submission_id": $0.submissionID.auditValue]) }))
    }
}
