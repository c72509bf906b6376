import CaseworkDomain
import CaseworkStorage
import HTTPServer

/// `/v1/payers` and `/v1/patients`.
enum PayerPatientRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("GET", "/v1/payers") { ctx in
            var q = QueryReader(ctx.request.query)
            let page = q.page()
            try q.check()
            let result = try ctx.store.payers.list(organizationID: ctx.organizationID, page: page)
            return Responses.page(result.items.map(DirectoryRepresentation.payer), nextCursor: result.nextCursor)
        }
        table.add("POST", "/v1/payers") { ctx in
            let input = try RequestBody.decode(CreatePayerBody.self, from: ctx.request).validated()
            let payer = try ctx.store.payers.add(organizationID: ctx.organizationID, name: input.name, payerID: input.payerID,
                                                 kind: input.kind, timelyFilingDays: input.timelyFilingDays,
                                                 appealDays: input.appealDays, actorID: ctx.caller.userID)
            return Responses.json(DirectoryRepresentation.payer(payer), status: 201, headers: [("Location", "/v1/payers/\(payer.id)")])
        }
        table.add("GET", "/v1/payers/{id}") { ctx in
            guard let payer = try ctx.store.payers.get(organizationID: ctx.organizationID, id: ctx.parameter("id")) else {
                throw APIError.notFound("payer", ctx.parameter("id"))
            }
            return Responses.json(DirectoryRepresentation.payer(payer))
        }
        table.add("GET", "/v1/patients") { ctx in
            var q = QueryReader(ctx.request.query)
            let page = q.page()
            try q.check()
            let result = try ctx.store.patients.list(organizationID: ctx.organizationID, page: page)
            return Responses.page(result.items.map(DirectoryRepresentation.patient), nextCursor: result.nextCursor)
        }
        table.add("POST", "/v1/patients") { ctx in
            let input = try RequestBody.decode(CreatePatientBody.self, from: ctx.request).validated()
            let patient = try ctx.store.patients.add(organizationID: ctx.organizationID, firstName: input.firstName,
                                                     lastName: input.lastName, birthDate: input.birthDate,
                                                     memberID: input.memberID, actorID: ctx.caller.userID)
            return Responses.json(DirectoryRepresentation.patient(patient), status: 201, headers: [("Location", "/v1/patients/\(patient.id)")])
        }
        table.add("GET", "/v1/patients/{id}") { ctx in
            guard let patient = try ctx.store.patients.get(organizationID: ctx.organizationID, id: ctx.parameter("id")) else {
                throw APIError.notFound("patient", ctx.parameter("id"))
            }
            return Responses.json(DirectoryRepresentation.patient(patient))
        }
    }
}
