import CaseworkDomain
import HTTPServer
import CaseworkUseCases

/// The case timeline (`/v1/cases/{id}/activities`, `/v1/activities/{id}`) and the organization's open work (`GET /v1/activities`).
enum ActivityRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("GET", "/v1/cases/{id}/activities") { ctx in
            var q = QueryReader(ctx.request.query)
            let page = q.page()
            try q.check()
            let result = try ctx.store.activities.timeline(organizationID: ctx.organizationID, caseID: ctx.parameter("id"), page: page)
            return Responses.page(result.items.map(ActivityRepresentation.activity), nextCursor: result.nextCursor)
        }
        table.add("GET", "/v1/activities") { ctx in
            var q = QueryReader(ctx.request.query)
            var person: OpenWorkQuery.Person?
            if let assignee = q.string("assignee_id") { person = assignee == "none" ? .nobody : .user(assignee) }
            var kind: ActivityKind?
            if let text = q.string("kind") {
                kind = ActivityKind(rawValue: text)
                if kind != .task && kind != .appointment { q.fail("kind", "Use task or appointment."); kind = nil }
            }
            let now = Instant.now()
            let query = OpenWorkQuery(person: person, kind: kind, overdue: q.bool("overdue") ?? false, today: ctx.today, now: now)
            let page = q.page()
            try q.check()
            let result = try ctx.store.activities.openWork(organizationID: ctx.organizationID, query: query, page: page)
            return Responses.page(result.items.map {
                ActivityRepresentation.activity($0.activity).adding("case_number", .string($0.caseNumber.description))
            }, nextCursor: result.nextCursor)
        }
        table.add("POST", "/v1/cases/{id}/activities") { ctx in
            let activity = try RequestBody.decode(CreateActivityBody.self, from: ctx.request) { try $0.validated() }
            let stored = try ctx.activityWork.add(caller: ctx.caller, caseID: ctx.parameter("id"), activity: activity)
            return Responses.json(ActivityRepresentation.activity(stored), status: 201, headers: [("Location", "/v1/activities/\(stored.id)")])
        }
        table.addItem("/v1/activities/{id}", entity: "activity", fetch: { ctx, id in try ctx.store.activities.get(organizationID: ctx.organizationID, id: id) },
                      as: ActivityRepresentation.activity)
        table.add("PATCH", "/v1/activities/{id}") { ctx in
            guard let current = try ctx.store.activities.get(organizationID: ctx.organizationID, id: ctx.parameter("id")) else {
                throw APIError.notFound("activity", ctx.parameter("id"))
            }
            let changes = try RequestBody.decode(PatchActivityBody.self, from: ctx.request) { try $0.validated(kind: current.kind) }
            let updated = try ctx.activityWork.update(caller: ctx.caller, id: current.id, changes: changes)
            return Responses.json(ActivityRepresentation.activity(updated))
        }
    }
}
