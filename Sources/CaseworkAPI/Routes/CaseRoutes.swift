import CaseworkDomain
import CaseworkUseCases
import HTTPServer

/// `/v1/cases`: open, read, change, resolve, cancel, reactivate, and the case's claims.
enum CaseRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("POST", "/v1/cases") { ctx in
            let allowUnlisted = try CodeCheck.overridden(ctx)
            let newCase = try RequestBody.decode(CreateCaseBody.self, from: ctx.request) { body in
                try CodeCheck.along(ctx, allowUnlisted: allowUnlisted, texts: body.carc_codes ?? [], at: "/carc_codes",
                                    more: try subjectProblems(ctx, body.subject)) { try body.validated() }
            }
            let record = try ctx.caseWork.create(caller: ctx.caller, newCase: newCase)
            return try written(ctx, record, status: 201, headers: [("Location", "/v1/cases/\(record.case.id)")])
        }
        table.add("GET", "/v1/cases/{id}", read)
        table.add("PATCH", "/v1/cases/{id}") { ctx in
            let allowUnlisted = try CodeCheck.overridden(ctx)
            let changes = try RequestBody.decode(PatchCaseBody.self, from: ctx.request) { body in
                guard let texts = body.carcCodes, !allowUnlisted else { return try body.validated() }
                // Only codes the case does not already hold are checked: re-sending a stored historical code is no change.
                guard let current = try ctx.store.cases.get(organizationID: ctx.organizationID, id: ctx.parameter("id")) else {
                    throw APIError.notFound("case", ctx.parameter("id"))
                }
                return try CodeCheck.along(ctx, allowUnlisted: false, texts: texts, at: "/carc_codes", held: Set(current.case.carcCodes)) {
                    try body.validated()
                }
            }
            let record = try ctx.caseWork.update(caller: ctx.caller, id: ctx.parameter("id"), changes: changes,
                                                 expectedRevision: try expectedRevision(ctx))
            return try written(ctx, record)
        }
        table.add("POST", "/v1/cases/{id}/resolve") { ctx in
            let body = try optionalBody(ctx)
            var v = FieldValidation()
            v.count(body?.resolved_carc_codes ?? [], at: "/resolved_carc_codes", limit: CreateCaseBody.maximumLabels)
            let codes = body?.resolved_carc_codes.map { v.carcs($0, at: "/resolved_carc_codes") }
            if let note = body?.note { _ = v.text(note, at: "/note", limit: 10_000, allowEmpty: true) }
            try v.check()
            let record = try ctx.caseWork.close(caller: ctx.caller, id: ctx.parameter("id"), closing: .resolve(resolvedCarcCodes: codes),
                                                note: body?.note, cancelOpenWork: body?.cancel_open_activities ?? false,
                                                expectedRevision: try expectedRevision(ctx))
            return try written(ctx, record)
        }
        table.add("POST", "/v1/cases/{id}/cancel") { ctx in
            let body = ctx.request.body.isEmpty ? nil : try RequestBody.decode(CancelCaseBody.self, from: ctx.request)
            var v = FieldValidation()
            if let note = body?.note { _ = v.text(note, at: "/note", limit: 10_000, allowEmpty: true) }
            try v.check()
            let record = try ctx.caseWork.close(caller: ctx.caller, id: ctx.parameter("id"), closing: .cancel,
                                                note: body?.note, cancelOpenWork: body?.cancel_open_activities ?? false,
                                                expectedRevision: try expectedRevision(ctx))
            return try written(ctx, record)
        }
        table.add("POST", "/v1/cases/{id}/reactivate") { ctx in
            let record = try ctx.caseWork.reactivate(caller: ctx.caller, id: ctx.parameter("id"),
                                                     expectedRevision: try expectedRevision(ctx))
            return try written(ctx, record)
        }
        table.add("GET", "/v1/cases/{id}/claims") { ctx in
            guard let record = try ctx.store.cases.get(organizationID: ctx.organizationID, id: ctx.parameter("id")) else {
                throw APIError.notFound("case", ctx.parameter("id"))
            }
            return Responses.page(CaseRepresentation.claims(record), nextCursor: nil)
        }
        table.add("POST", "/v1/cases/{id}/claims") { ctx in
            let body = try RequestBody.decode(AddClaimsBody.self, from: ctx.request)
            if body.claims.isEmpty { throw APIError.validation([FieldError(pointer: "/claims", "Give at least one claim.")]) }
            if body.claims.count > CreateCaseBody.maximumClaims {
                throw APIError.validation([FieldError(pointer: "/claims", "At most \(CreateCaseBody.maximumClaims) claims per request.")])
            }
            let record = try ctx.caseWork.addClaims(caller: ctx.caller, caseID: ctx.parameter("id"),
                                                    claims: body.claims.map { ($0.claim_id, $0.submission_id) },
                                                    expectedRevision: try expectedRevision(ctx))
            return try written(ctx, record)
        }
        table.add("DELETE", "/v1/cases/{id}/claims/{claim_id}") { ctx in
            let record = try ctx.caseWork.removeClaim(caller: ctx.caller, caseID: ctx.parameter("id"),
                                                      claimID: ctx.parameter("claim_id"), expectedRevision: try expectedRevision(ctx))
            return try written(ctx, record)
        }
        CaseListRoutes.register(&table)
        ActivityRoutes.register(&table)
    }

    /// GET /v1/cases/{id}: the case as last computed while the organization's data is unchanged
    /// (one indexed read of its data version, in the request's snapshot), else loaded and computed;
    /// a bodiless 304 when `If-None-Match` names its ETag. Every 200 audits a read of the case's patient.
    /// - Throws: `APIError.notFound` for a case the organization does not have.
    static func read(_ ctx: RequestContext) throws -> HTTPResponse {
        let entry = try current(ctx, id: ctx.parameter("id"))
        // The case names its patient: reading it is a PHI access.
        return EntityTag.answer(ctx, entry) { ctx.auditPatientReads(entry.patientIDs) }
    }

    /// The case `id` as GET shows it (body, ETag, revision, patient): from the case cache while the
    /// organization's data version holds, else loaded, computed and kept. Sends and audits nothing.
    /// - Throws: `APIError.notFound` for a case the organization does not have.
    static func current(_ ctx: RequestContext, id: String) throws -> RepresentationCache.Entry {
        let version = try ctx.store.organizations.dataVersion(organizationID: ctx.organizationID)
        let key = ctx.organizationID + "\u{1F}" + id
        return try ctx.caches.cases.entry(for: key, at: version) {
            guard let record = try ctx.store.cases.get(organizationID: ctx.organizationID, id: id) else {
                throw APIError.notFound("case", id)
            }
            let body = try representation(ctx, record).serialized()
            return RepresentationCache.Entry(version: version, body: body,
                                             etag: CaseRepresentation.etag(revision: record.case.revision, body: body),
                                             patientIDs: record.case.patientID.map { [$0] } ?? [], revision: record.case.revision)
        }
    }

    /// The revision a change of the case in the path may start from under `If-Match` (RFC 9110
    /// §13.1.1, strong comparison of each listed tag with the case's current ETag; every
    /// `If-Match` field line counts, §5.3): nil when absent or `*`; else the current revision.
    /// The tag is compared just before the write; inside it storage compares the revision again,
    /// so a change of the case itself in between still fails, while a change only of what the
    /// case shows from other records in that instant (a claim's amounts) does not.
    /// - Throws: 412 with the current `ETag` when no listed tag is it; `APIError.notFound`.
    static func expectedRevision(_ ctx: RequestContext) throws -> Int? {
        let values = ctx.request.headers.values("If-Match")
        guard !values.isEmpty, !values.contains(where: { $0.trimmingCharacters(in: .whitespaces) == "*" }) else { return nil }
        let entry = try current(ctx, id: ctx.parameter("id"))
        guard ctx.request.condition("If-Match", names: entry.etag), let revision = entry.revision else {
            throw APIError(status: 412, slug: "precondition-failed", title: "Precondition failed",
                           detail: "If-Match does not name the case as it is now; its current ETag is \(entry.etag).",
                           headers: [("ETag", entry.etag)])
        }
        return revision
    }

    /// The case as the API shows it, with the meanings of its CARCs from the code lists.
    static func representation(_ ctx: RequestContext, _ record: CaseRecord) throws -> JSONValue {
        CaseRepresentation.case(record, meanings: try CodeMeanings.load(ctx.store, carcs: record.case.carcCodes.map(\.code)))
    }

    /// The case as changed (`status` 200, or 201 for a new one, with `headers` added), with its ETag.
    static func written(_ ctx: RequestContext, _ record: CaseRecord, status: Int = 200,
                        headers: [(String, String)] = []) throws -> HTTPResponse {
        let body = try representation(ctx, record).serialized()
        var all = HTTPHeaders([("Content-Type", "application/json")])
        for (name, value) in headers + [("ETag", CaseRepresentation.etag(revision: record.case.revision, body: body))] {
            all.add(name, value)
        }
        return HTTPResponse(status: status, headers: all, body: body)
    }

    /// An error at `/subject` when the (trimmed, non-blank) subject is not in the organization's list, so
    /// that it is reported with the body's other problems (storage checks it again when writing).
    static func subjectProblems(_ ctx: RequestContext, _ subject: String) throws -> [FieldError] {
        let trimmed = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, try !ctx.store.organizations.subjects(organizationID: ctx.organizationID).contains(trimmed) else { return [] }
        return [FieldError(pointer: "/subject", ErrorMapping.unknownSubjectDetail(trimmed))]
    }

    /// The close body, which may be absent altogether.
    static func optionalBody(_ ctx: RequestContext) throws -> CloseCaseBody? {
        ctx.request.body.isEmpty ? nil : try RequestBody.decode(CloseCaseBody.self, from: ctx.request)
    }
}

import Foundation
