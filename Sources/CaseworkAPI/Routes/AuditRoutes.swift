import CaseworkDomain
import HTTPServer
import CaseworkUseCases

/// `/v1/cases/{id}/history` and `/v1/audit` (admin): who changed what, when, before and after.
enum AuditRoutes {
    static func register(_ table: inout RouteTable) {
        // Both read the audit log, which first writes the queued reads of patient data: their reads
        // must begin after that, not share the token lookup's snapshot.
        table.addList("/v1/cases/{id}/history", oneSnapshot: false, fetch: { ctx, page in
            try ctx.store.audit.caseHistory(organizationID: ctx.organizationID, caseID: ctx.parameter("id"), page: page)
        }, as: event)
        table.add("GET", "/v1/audit", role: .admin, oneSnapshot: false) { ctx in
            var q = QueryReader(ctx.request.query)
            let from = q.instant("from"), to = q.instant("to")
            let filter = AuditFilter(entityType: q.string("entity_type"), entityID: q.string("entity_id"), actorID: q.string("actor_id"),
                                     from: from, to: to)
            let page = q.page()
            try q.check()
            let result = try ctx.store.audit.events(organizationID: ctx.organizationID, filter: filter, page: page)
            return Responses.page(result.items.map(event), nextCursor: result.nextCursor)
        }
    }

    static func event(_ e: AuditEvent) -> JSONValue {
        .object([
            ("id", .int(e.id)), ("at", .string(e.at.description)), ("actor_id", .optional(e.actorID)),
            ("entity_type", .string(e.entityType)), ("entity_id", .string(e.entityID)), ("action", .string(e.action)),
            ("changes", JSONValue(parsing: e.changes)),
        ])
    }
}
