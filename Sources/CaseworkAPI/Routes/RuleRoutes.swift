import CaseworkDomain
import CaseworkUseCases
import HTTPServer

/// `/v1/rules` (ordered work rules), `/v1/denial-categories` (CARC → subject) and `/v1/settings`.
enum RuleRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("GET", "/v1/rules") { ctx in
            let rules = try ctx.store.rules.list(organizationID: ctx.organizationID)
            let meanings = try CodeMeanings.load(ctx.store, carcs: rules.compactMap(\.carc?.code))
            return Responses.page(rules.map { rule($0, meanings) }, nextCursor: nil)
        }
        table.add("POST", "/v1/rules", role: .admin) { ctx in
            let input = try RequestBody.decode(RuleBody.self, from: ctx.request) { try $0.validated(over: nil) }
            try CodeCheck.require(ctx, input.carc.map { [$0] } ?? []) { _ in .pointer("/carc_code") }
            let stored = try categoryChecked { try WorkRuleWork(database: ctx.store).add(caller: ctx.caller, input: input) }
            return Responses.json(rule(stored, try meanings(ctx, stored)), status: 201, headers: [("Location", "/v1/rules/\(stored.id)")])
        }
        table.addItem("/v1/rules/{id}", entity: "rule", fetch: { ctx, id in
            try ctx.store.rules.get(organizationID: ctx.organizationID, id: id).map { ($0, try meanings(ctx, $0)) }
        }, as: { rule($0.0, $0.1) })
        table.add("PATCH", "/v1/rules/{id}", role: .admin) { ctx in
            let id = ctx.parameter("id")
            guard let current = try ctx.store.rules.get(organizationID: ctx.organizationID, id: id).map(WorkRuleInput.init) else {
                throw APIError.notFound("rule", id)
            }
            // Checked against the rule as read, applied to it as locked in the write.
            let body = try RequestBody.decode(RuleBody.self, from: ctx.request) { body in _ = try body.validated(over: current); return body }
            if let carc = body.carcCode, let code = carc.flatMap(CARC.init), code != current.carc {
                try CodeCheck.require(ctx, [code]) { _ in .pointer("/carc_code") }
            }
            let updated = try categoryChecked { try WorkRuleWork(database: ctx.store).update(caller: ctx.caller, id: id) { try body.validated(over: $0) } }
            return Responses.json(rule(updated, try meanings(ctx, updated)))
        }
        table.add("DELETE", "/v1/rules/{id}", role: .admin) { ctx in
            try WorkRuleWork(database: ctx.store).delete(caller: ctx.caller, id: ctx.parameter("id"))
            return HTTPResponse(status: 204)
        }
        table.add("GET", "/v1/denial-categories") { ctx in
            let entries = try ctx.store.denialCategories.list(organizationID: ctx.organizationID)
            let meanings = try CodeMeanings.load(ctx.store, carcs: entries.map(\.carcCode))
            return Responses.page(entries.map { category($0, meanings) }, nextCursor: nil)
        }
        table.add("PUT", "/v1/denial-categories/{carc}", role: .admin) { ctx in
            let code = ctx.parameter("carc")
            guard (1...5).contains(code.utf8.count), code.utf8.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }) else {
                throw APIError(status: 404, slug: "not-found", title: "Not found",
                               detail: "\(code) is not a reason code: use 1 to 5 letters or digits without the group (16, not CO-16).")
            }
            let subject = try RequestBody.decode(DenialCategoryBody.self, from: ctx.request) { body in
                var v = FieldValidation()
                let subject = v.text(body.subject, at: "/subject")
                try v.check()
                return subject ?? ""
            }
            try CodeCheck.require(ctx, reasons: [(code, code)]) { _ in .parameter("carc") }
            let entry = try OrganizationWork(database: ctx.store).setDenialCategory(organizationID: ctx.organizationID, carcCode: code, subject: subject,
                                                           actorID: ctx.caller.userID)
            return Responses.json(category(entry, try CodeMeanings.load(ctx.store, carcs: [entry.carcCode])))
        }
        table.add("GET", "/v1/settings") { ctx in
            Responses.json(settings(try ctx.store.organizations.settings(organizationID: ctx.organizationID)))
        }
        table.add("PATCH", "/v1/settings", role: .admin) { ctx in
            let current = try ctx.store.organizations.settings(organizationID: ctx.organizationID)
            // Checked against the settings as read, applied to them as locked in the write.
            let body = try RequestBody.decode(SettingsBody.self, from: ctx.request) { body in _ = try body.applied(to: current); return body }
            return Responses.json(settings(try OrganizationWork(database: ctx.store).updateSettings(
                organizationID: ctx.organizationID, actorID: ctx.caller.userID) { try body.applied(to: $0) }))
        }
    }

    /// Runs a rule change, answering a category that is not one of the organization's subjects
    /// with 422 at `/category`.
    static func categoryChecked<T>(_ change: () throws -> T) throws -> T {
        do { return try change() } catch CaseRuleViolation.unknownSubject(let subject) {
            throw APIError.validation([FieldError(pointer: "/category", ErrorMapping.unknownSubjectDetail(subject))])
        }
    }

    static func meanings(_ ctx: RequestContext, _ r: WorkRule) throws -> CodeMeanings {
        try CodeMeanings.load(ctx.store, carcs: [r.carc?.code].compactMap { $0 })
    }

    /// A work rule; `meanings` gives its CARC's description.
    static func rule(_ r: WorkRule, _ meanings: CodeMeanings) -> JSONValue {
        .object([
            ("id", .string(r.id)), ("position", .int(r.position)), ("name", .string(r.name)),
            ("payer_id", .optional(r.payerID)), ("category", .optional(r.category)), ("carc_code", .optional(r.carc?.description)),
            ("carc_description", r.carc.map(meanings.description(of:)) ?? .null),
            ("minimum_denied_cents", .optional(r.minimumDeniedAmount?.amount)), ("action", .string(r.action.rawValue)),
            ("owner", r.owner.map { .object([("type", .string($0.kind)), ("id", .string($0.id))]) } ?? .null),
            ("priority", .string(r.priority.rawValue)), ("follow_up_days", .optional(r.followUpDays)),
        ])
    }

    static func category(_ e: DenialCategoryEntry, _ meanings: CodeMeanings) -> JSONValue {
        .object([("carc_code", .string(e.carcCode)), ("description", .optional(meanings.carc[e.carcCode.uppercased()]?.description)), ("subject", .string(e.subject)), ("customized", .bool(e.customized))])
    }

    static func settings(_ s: OrganizationSettings) -> JSONValue {
        .object([("auto_resolve_paid_cases", .bool(s.autoResolvePaidCases)), ("time_zone", .string(s.timeZone))])
    }
}
