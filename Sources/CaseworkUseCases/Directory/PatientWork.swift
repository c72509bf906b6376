import CaseworkDomain

/// The use case of recording a patient, in one write transaction of `database` at `ambient`'s time.
/// Its audit entry names no field: a patient's values are PHI.
public struct PatientWork: Sendable {
    let database: any Transactions
    let ambient: Ambient

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Records a patient; returns it with its new id.
    public func add(organizationID: String, firstName: String, lastName: String, birthDate: Day?, memberID: String?,
                    actorID: String?) throws -> Patient {
        try database.write { tx in
            try Self.add(tx, ambient, organizationID: organizationID, patient: Patient(
                id: "", firstName: firstName, lastName: lastName, birthDate: birthDate, memberID: memberID), importKey: nil, actorID: actorID)
        }
    }

    /// `add` inside a transaction the caller already holds (imports, bulk loads).
    static func add(_ tx: any WriteTransaction, _ ambient: Ambient, organizationID: String, patient: Patient,
                           importKey: String?, actorID: String?) throws -> Patient {
        var stored = patient
        stored.id = ambient.newID("pat")
        let now = ambient.now()
        try tx.insertPatient(stored, organizationID: organizationID, importKey: importKey, at: now)
        try tx.insertAuditEntry(AuditEntry(organizationID: organizationID, actorID: actorID, entityType: "patient", entityID: stored.id,
                                           action: "create", changes: [], at: now))
        return stored
    }
}
