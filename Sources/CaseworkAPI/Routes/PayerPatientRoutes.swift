import CaseworkDomain
import CaseworkUseCases
import HTTPServer

/// `/v1/payers` and `/v1/patients`.
enum PayerPatientRoutes {
    static func register(_ table: inout RouteTable) {
        table.addList("/v1/payers", fetch: { ctx, page in try ctx.store.payers.list(organizationID: ctx.organizationID, page: page) },
                      as: DirectoryRepresentation.payer)
        table.add("POST", "/v1/payers", role: .admin) { ctx in
            let input = try RequestBody.decode(CreatePayerBody.self, from: ctx.request) { try $0.validated() }
            let payer = try PayerWork(database: ctx.store).add(organizationID: ctx.organizationID, name: input.name, payerID: input.payerID,
                                                 kind: input.kind, timelyFilingDays: input.timelyFilingDays,
                                                 appealDays: input.appealDays, actorID: ctx.caller.userID)
            return Responses.json(DirectoryRepresentation.payer(payer), status: 201, headers: [("Location", "/v1/payers/\(payer.id)")])
        }
        table.addItem("/v1/payers/{id}", entity: "payer", fetch: { ctx, id in try ctx.store.payers.get(organizationID: ctx.organizationID, id: id) },
                      as: DirectoryRepresentation.payer)
        table.add("PATCH", "/v1/payers/{id}", role: .admin) { ctx in
            let id = ctx.parameter("id")
            guard let payer = try ctx.store.payers.get(organizationID: ctx.organizationID, id: id) else { throw APIError.notFound("payer", id) }
            // Checked against the payer as read (every problem at once), applied to it as locked in the write.
            let body = try RequestBody.decode(PatchPayerBody.self, from: ctx.request) { body in _ = try body.applied(to: payer); return body }
            return Responses.json(DirectoryRepresentation.payer(try PayerWork(database: ctx.store).update(
                organizationID: ctx.organizationID, id: id, actorID: ctx.caller.userID) { try body.applied(to: $0) }))
        }
        table.addList("/v1/patients", fetch: { ctx, page in
            // Every patient record shown is an access to PHI: audited (HIPAA access audit).
            let result = try ctx.store.patients.list(organizationID: ctx.organizationID, page: page)
            ctx.auditPatientReads(result.items.map(\.id))
            return result
        },
                      as: DirectoryRepresentation.patient)
        table.add("POST", "/v1/patients") { ctx in
            let input = try RequestBody.decode(CreatePatientBody.self, from: ctx.request) { try $0.validated() }
            let patient = try PatientWork(database: ctx.store).add(organizationID: ctx.organizationID, firstName: input.firstName,
                                                     lastName: input.lastName, birthDate: input.birthDate,
                                                     memberID: input.memberID, actorID: ctx.caller.userID)
            return Responses.json(DirectoryRepresentation.patient(patient), status: 201, headers: [("Location", "/v1/patients/\(patient.id)")])
        }
        table.addItem("/v1/patients/{id}", entity: "patient", fetch: { ctx, id in
            let patient = try ctx.store.patients.get(organizationID: ctx.organizationID, id: id)
            ctx.auditPatientReads(patient.map { [$0.id] } ?? [])
            return patient
        },
                      as: DirectoryRepresentation.patient)
    }
}
