import CaseworkDomain
import CaseworkUseCases

/// Patients of an organization. Their fields are PHI: never logged.
public struct PatientRepository: Sendable {
    let database: any SQLDatabase

    /// Records a patient; returns it with its new id.
    public func add(organizationID: String, firstName: String, lastName: String, birthDate: Day?,
                    memberID: String?, actorID: String?) throws -> Patient {
        try database.write { db in
            try Self.insert(db, organizationID: organizationID, patient: Patient(
                id: Identifier.make("pat"), firstName: firstName, lastName: lastName,
                birthDate: birthDate, memberID: memberID), importKey: nil, actorID: actorID)
        }
    }

    /// The patient with `id`, or nil.
    public func get(organizationID: String, id: String) throws -> Patient? {
        try database.read { db in
            try db.queryOne("SELECT * FROM patients WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(id)]).map(Self.patient)
        }
    }

    /// Patients ordered by id, a page at a time.
    public func list(organizationID: String, page: PageRequest) throws -> Page<Patient> {
        try database.read { db in
            try page.keyed(column: "id", key: { (p: Patient) in p.id }) { clause, bindings, limit in
                try db.query("SELECT * FROM patients WHERE organization_id = ?\(clause) ORDER BY id LIMIT ?",
                             [.text(organizationID)] + bindings + [.integer(Int64(limit))]).map(Self.patient)
            }
        }
    }

    @discardableResult
    static func insert(_ db: any SQLExecutor, organizationID: String, patient: Patient, importKey: String?, actorID: String?) throws -> Patient {
        let now = Instant.now().description
        try db.execute(
            """
            INSERT INTO patients (id, organization_id, first_name, last_name, birth_date, member_id, import_key, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(patient.id), .text(organizationID), .text(patient.firstName), .text(patient.lastName),
             SQLValue(patient.birthDate?.description), SQLValue(patient.memberID), SQLValue(importKey), .text(now)])
        // The audit names the fields that changed, never their PHI values.
        try AuditLog.record(db, organizationID: organizationID, actorID: actorID, entityType: "patient", entityID: patient.id,
                            action: "create", changes: [], at: now)
        return patient
    }

    static func patient(_ row: SQLRow) -> Patient {
        Patient(id: row.string("id"), firstName: row.string("first_name"), lastName: row.string("last_name"),
                birthDate: row.optionalString("birth_date").flatMap(Day.init), memberID: row.optionalString("member_id"))
    }
}
