import CaseworkDomain
import CaseworkUseCases
import HTTPServer

/// `/v1/me`, `/v1/users`, `/v1/teams`, `/v1/subjects`.
enum DirectoryRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("GET", "/v1/me") { ctx in
            Responses.json(.object([
                ("user", DirectoryRepresentation.user(ctx.caller.user)), ("team_ids", .strings(ctx.caller.teamIDs)),
            ]))
        }
        table.addList("/v1/users", fetch: { ctx, page in try ctx.store.users.list(organizationID: ctx.organizationID, page: page) },
                      as: DirectoryRepresentation.user)
        table.add("POST", "/v1/users", role: .admin) { ctx in
            let input = try RequestBody.decode(CreateUserBody.self, from: ctx.request) { try $0.validated() }
            let user = try UserWork(database: ctx.store).add(organizationID: ctx.organizationID, name: input.name, email: input.email,
                                               role: input.role, actorID: ctx.caller.userID)
            return Responses.json(DirectoryRepresentation.user(user), status: 201, headers: [("Location", "/v1/users/\(user.id)")])
        }
        table.addItem("/v1/users/{id}", entity: "user", fetch: { ctx, id in try ctx.store.users.get(organizationID: ctx.organizationID, id: id) },
                      as: DirectoryRepresentation.user)
        table.addList("/v1/teams", fetch: { ctx, page in try ctx.store.users.listTeams(organizationID: ctx.organizationID, page: page) },
                      as: DirectoryRepresentation.team)
        table.add("POST", "/v1/teams", role: .admin) { ctx in
            let (name, memberIDs) = try RequestBody.decode(CreateTeamBody.self, from: ctx.request) { body in
                var v = FieldValidation()
                let name = v.text(body.name, at: "/name")
                v.count(body.member_ids ?? [], at: "/member_ids", limit: 500)
                try v.check()
                return (name ?? "", body.member_ids ?? [])
            }
            let team = try UserWork(database: ctx.store).addTeam(organizationID: ctx.organizationID, name: name,
                                                   memberIDs: memberIDs, actorID: ctx.caller.userID)
            return Responses.json(DirectoryRepresentation.team(team), status: 201, headers: [("Location", "/v1/teams/\(team.id)")])
        }
        table.addItem("/v1/teams/{id}", entity: "team", fetch: { ctx, id in try ctx.store.users.team(organizationID: ctx.organizationID, id: id) },
                      as: DirectoryRepresentation.team)
        table.add("PATCH", "/v1/teams/{id}", role: .admin) { ctx in
            guard try ctx.store.users.team(organizationID: ctx.organizationID, id: ctx.parameter("id")) != nil else {
                throw APIError.notFound("team", ctx.parameter("id"))
            }
            let (name, memberIDs) = try RequestBody.decode(PatchTeamBody.self, from: ctx.request) { try $0.validated() }
            let team = try UserWork(database: ctx.store).updateTeam(organizationID: ctx.organizationID, id: ctx.parameter("id"), name: name,
                                                      memberIDs: memberIDs, actorID: ctx.caller.userID)
            return Responses.json(DirectoryRepresentation.team(team))
        }
        table.add("POST", "/v1/subjects", role: .admin) { ctx in
            let name = try RequestBody.decode(CreateSubjectBody.self, from: ctx.request) { body in
                var v = FieldValidation()
                let name = v.text(body.name, at: "/name", limit: 80)
                try v.check()
                return name ?? ""
            }
            try OrganizationWork(database: ctx.store).addSubject(organizationID: ctx.organizationID, name: name, actorID: ctx.caller.userID)
            let subjects = try ctx.store.organizations.subjects(organizationID: ctx.organizationID)
            return Responses.json(.object([("items", .strings(subjects)), ("next_cursor", .null)]), status: 201)
        }
        table.add("GET", "/v1/subjects") { ctx in
            let subjects = try ctx.store.organizations.subjects(organizationID: ctx.organizationID)
            return Responses.json(.object([("items", .strings(subjects)), ("next_cursor", .null)]))
        }
    }
}
