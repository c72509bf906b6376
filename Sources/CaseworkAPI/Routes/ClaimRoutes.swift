import CaseworkDomain
import CaseworkUseCases
import HTTPServer

/// `/v1/claims`, their submissions, and the cases of a claim.
enum ClaimRoutes {
    static func register(_ table: inout RouteTable) {
        table.add("GET", "/v1/claims") { ctx in
            var q = QueryReader(ctx.request.query)
            let filter = ClaimFilter(claimNumber: q.string("claim_number"), payerID: q.string("payer_id"),
                                     patientID: q.string("patient_id"), hasActiveCase: q.bool("has_active_case"),
                                     denied: q.bool("denied"), search: q.search())
            let page = q.page()
            try q.check()
            let result = try ctx.store.claims.list(organizationID: ctx.organizationID, filter: filter, page: page)
            // Claims are patient data (whose care, when, what it cost), and `q` finds them by a patient's
            // name: a page with rows of identified patients is one bulk patient read, as a work list is.
            ctx.auditBulkPatientRead(rows: result.items.filter { $0.claim.patientID != nil }.count)
            return Responses.page(result.items.map { ClaimRepresentation.claim($0, today: ctx.today) }, nextCursor: result.nextCursor)
        }
        table.add("POST", "/v1/claims") { ctx in
            let allowUnlisted = try CodeCheck.overridden(ctx)
            let claim = try RequestBody.decode(CreateClaimBody.self, from: ctx.request) { body in
                try CodeCheck.along(ctx, allowUnlisted: allowUnlisted, texts: body.adjustment_carc_codes ?? [], at: "/adjustment_carc_codes") {
                    try body.validated()
                }
            }
            let record = try ClaimWork(database: ctx.store).add(organizationID: ctx.organizationID, claim: claim, actorID: ctx.caller.userID)
            return Responses.json(ClaimRepresentation.claim(record, today: ctx.today), status: 201, headers: [("Location", "/v1/claims/\(record.claim.id)")])
        }
        table.addItem("/v1/claims/{id}", entity: "claim",
                      fetch: { ctx, id in
                          try ctx.store.claims.detail(organizationID: ctx.organizationID, id: id).map { detail in
                              // A claim of an identified patient is a read of that patient's data.
                              ctx.auditPatientReads(detail.record.claim.patientID.map { [$0] } ?? [])
                              return (detail, ctx.today, try CodeMeanings.load(ctx.store, remits: detail.remittances, moreCarcs: detail.denial?.reasons.map(\.carc) ?? [],
                                                                     moreRarcs: detail.denial?.remarkCodes ?? []))
                          }
                      },
                      as: { ClaimRepresentation.detail($0.0, today: $0.1, meanings: $0.2) })
        table.add("PATCH", "/v1/claims/{id}") { ctx in
            guard try ctx.store.claims.get(organizationID: ctx.organizationID, id: ctx.parameter("id")) != nil else {
                throw APIError.notFound("claim", ctx.parameter("id"))
            }
            let correction = try RequestBody.decode(PatchClaimBody.self, from: ctx.request) { try $0.validated() }
            let record = try ClaimWork(database: ctx.store).correct(organizationID: ctx.organizationID, id: ctx.parameter("id"),
                                                      correction: correction, actorID: ctx.caller.userID)
            return Responses.json(ClaimRepresentation.claim(record, today: ctx.today))
        }
        table.add("GET", "/v1/claims/{id}/submissions") { ctx in
            let submissions = try ctx.store.claims.submissions(organizationID: ctx.organizationID, claimID: ctx.parameter("id"))
            return Responses.page(submissions.map(ClaimRepresentation.submission), nextCursor: nil)
        }
        table.add("POST", "/v1/claims/{id}/submissions") { ctx in
            let submission = try RequestBody.decode(CreateSubmissionBody.self, from: ctx.request) { body in
                var v = FieldValidation()
                let submission = body.validated(&v, at: "")
                try v.check()
                guard let submission else { throw APIError.validation(v.errors) }
                return submission
            }
            let stored = try ClaimWork(database: ctx.store).addSubmission(organizationID: ctx.organizationID, claimID: ctx.parameter("id"),
                                                            submission: submission, actorID: ctx.caller.userID)
            return Responses.json(ClaimRepresentation.submission(stored), status: 201)
        }
        table.add("GET", "/v1/claims/{id}/cases") { ctx in
            var q = QueryReader(ctx.request.query)
            let scope = q.choice("scope", ClaimCaseScope.self) ?? .all
            let submissionID = q.string("submission_id")
            if scope == .submission && submissionID == nil { q.fail("submission_id", "Required with scope=submission.") }
            try q.check()
            let cases = try ctx.store.cases.casesForClaim(organizationID: ctx.organizationID, claimID: ctx.parameter("id"),
                                                          scope: scope, submissionID: submissionID)
            let meanings = try CodeMeanings.load(ctx.store, carcs: cases.flatMap { $0.case.carcCodes.map(\.code) })
            ctx.auditPatientReads(Array(Set(cases.compactMap(\.case.patientID))).sorted())
            return Responses.page(cases.map { CaseRepresentation.case($0, meanings: meanings) }, nextCursor: nil)
        }
        table.add("POST", "/v1/claims/{id}/cases") { ctx in
            let body = try RequestBody.decode(LinkCaseBody.self, from: ctx.request)
            let claimID = ctx.parameter("id")
            guard try ctx.store.claims.get(organizationID: ctx.organizationID, id: claimID) != nil else {
                throw APIError.notFound("claim", claimID)
            }
            do {
                let record = try ctx.caseWork.addClaims(caller: ctx.caller, caseID: body.case_id,
                                                        claims: [(claimID, body.submission_id)], expectedRevision: nil)
                return try CaseRoutes.written(ctx, record)
            } catch StorageError.notFound(let entity, let id) where entity == "case" {
                throw APIError.validation([FieldError(pointer: "/case_id", "No such case in your organization: \(id).")])
            } catch StorageError.invalidReference(let field, let id) where field.hasSuffix("/submission_id") {
                throw APIError.validation([FieldError(pointer: "/submission_id", "No such submission: \(id).")])
            } catch CaseRuleViolation.submissionNotOfClaim(let submissionID, _, _) {
                throw APIError.validation([FieldError(pointer: "/submission_id", "Submission \(submissionID) belongs to another claim.")])
            }
        }
    }
}
