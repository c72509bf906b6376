import CaseworkDomain

/// The field-by-field difference of two versions of a case, for the audit log.
enum CaseAudit {
    /// Changed fields from `before` (nil: creation, every field from null) to `after`.
    static func changes(from before: Case?, to after: Case) -> [AuditChange] {
        func fields(_ c: Case?) -> [(String, Any)] {
            [
                ("subject", AuditChange.value(c?.subject)),
                ("tags", AuditChange.value(c?.tags)),
                ("carc_codes", AuditChange.value(c?.carcCodes.map(\.description))),
                ("resolved_carc_codes", AuditChange.value(c?.resolvedCarcCodes.map(\.description))),
                ("description", AuditChange.value(c?.description)),
                ("follow_up_by", AuditChange.value(c?.followUpBy?.description)),
                ("priority", AuditChange.value(c?.priority.rawValue)),
                ("owner", AuditChange.value(c?.owner?.reference)),
                ("stage", AuditChange.value(c?.stage.rawValue)),
                ("status", AuditChange.value(c?.status.rawValue)),
                ("patient_id", AuditChange.value(c?.patientID)),
                ("resolution_note", AuditChange.value(c?.resolutionNote)),
            ]
        }
        let old = fields(before)
        return zip(old, fields(after)).compactMap { pair in
            let (name, was) = pair.0
            let now = pair.1.1
            return "\(was)" == "\(now)" ? nil : AuditChange(field: name, before: was, after: now)
        }
    }

    /// The `claims` change of a request that linked claims: `[{claim_id, submission_id}]`.
    static func linked(_ claims: [(claimID: String, submissionID: String?)]) -> AuditChange {
        AuditChange(field: "claims", before: AuditChange.value(nil),
                    after: claims.map { ["claim_id": $0.claimID, "submission_id": AuditChange.value($0.submissionID)] })
    }
}
