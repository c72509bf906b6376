import CaseworkDomain
import CaseworkUseCases
import HTTPServer

/// `/v1/tokens`: the caller's own bearer tokens. Any role may manage its own.
enum TokenRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("POST", "/v1/tokens", role: .viewer) { ctx in
            let issued = try TokenWork(database: ctx.store).issue(organizationID: ctx.organizationID, userID: ctx.caller.userID, actorID: ctx.caller.userID)
            return Responses.json(.object(fields(issued.record) + [("token", .string(issued.token))]), status: 201,
                                  headers: [("Location", "/v1/tokens/\(issued.record.id)"), ("Cache-Control", "no-store")])
        }
        // The list first writes the tokens' queued last uses: its read must begin after that, not
        // share the token lookup's snapshot.
        table.add("GET", "/v1/tokens", oneSnapshot: false) { ctx in
            Responses.page(try ctx.store.tokens.list(caller: ctx.caller).map(representation), nextCursor: nil)
        }
        table.add("DELETE", "/v1/tokens/{id}", role: .viewer) { ctx in
            Responses.json(representation(try TokenWork(database: ctx.store).revoke(caller: ctx.caller, id: ctx.parameter("id"))))
        }
    }

    static func representation(_ t: TokenRecord) -> JSONValue { .object(fields(t)) }

    static func fields(_ t: TokenRecord) -> [(String, JSONValue)] {
        [
            ("id", .string(t.id)), ("created_at", .string(t.createdAt.description)),
            ("last_used_at", .optional(t.lastUsedAt?.description)), ("revoked_at", .optional(t.revokedAt?.description)),
        ]
    }
}
