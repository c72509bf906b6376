import CaseworkDomain

/// The field-by-field difference of two versions of a case, for the audit log.
enum CaseAudit {
    /// Changed fields from `before` (nil: creation, every field from null) to `after`.
    static func changes(from before: Case?, to after: Case) -> [AuditLog.FieldChange] {
        func fields(_ c: Case?) -> [(String, Any)] {
            [
                ("subject", AuditLog.value(c?.subject)),
                ("tags", AuditLog.value(c?.tags)),
                ("carc_codes", AuditLog.value(c?.carcCodes.map(\.description))),
                ("resolved_carc_codes", AuditLog.value(c?.resolvedCarcCodes.map(\.description))),
                ("description", AuditLog.value(c?.description)),
                ("follow_up_by", AuditLog.value(c?.followUpBy?.description)),
                ("priority", AuditLog.value(c?.priority.rawValue)),
                ("owner", AuditLog.value(c?.owner.map { "\($0.kind):\($0.id)" })),
                ("stage", AuditLog.value(c?.stage.rawValue)),
                ("status", AuditLog.value(c?.status.rawValue)),
                ("patient_id", AuditLog.value(c?.patientID)),
                ("resolution_note", AuditLog.value(c?.resolutionNote)),
            ]
        }
        let old = fields(before)
        return zip(old, fields(after)).compactMap { pair in
            let (name, was) = pair.0
            let now = pair.1.1
            return "\(was)" == "\(now)" ? nil : AuditLog.FieldChange(field: name, before: was, after: now)
        }
    }
}
