import CaseworkDomain
import CaseworkUseCases

/// Reads of an organization's patients (recording one is `PatientWork`'s, in CaseworkUseCases).
/// Their fields are PHI: never logged.
public struct PatientRepository: Sendable {
    let database: any SQLDatabase

    /// The patient with `id`, or nil.
    public func get(organizationID: String, id: String) throws -> Patient? {
        try database.read { db in
            try db.queryOne("SELECT * FROM patients WHERE organization_id = ? AND id = ?", [.text(organizationID), .text(id)]).map(Self.patient)
        }
    }

    /// Patients ordered by id, a page at a time.
    public func list(organizationID: String, page: PageRequest) throws -> Page<Patient> {
        try database.read { db in
            try page.keyed(list: "patients", column: "id", key: { (p: Patient) in p.id }) { clause, bindings, limit in
                try db.query("SELECT * FROM patients WHERE organization_id = ?\(clause) ORDER BY id LIMIT ?",
                             [.text(organizationID)] + bindings + [.integer(Int64(limit))]).map(Self.patient)
            }
        }
    }

    static func patient(_ row: SQLRow) -> Patient {
        Patient(id: row.string("id"), firstName: row.string("first_name"), lastName: row.string("last_name"),
                birthDate: row.optionalString("birth_date").flatMap(Day.init), memberID: row.optionalString("member_id"))
    }
}
