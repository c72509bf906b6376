import CaseworkDomain

/// `{claim_id, submission_id?}`: a claim, whole or one submission of it.
struct ClaimLinkBody: Decodable {
    let claim_id: String
    let submission_id: String?
}

/// `{type: user|team, id}`.
struct OwnerBody: Decodable {
    let type: String
    let id: String

    func validated(_ v: inout FieldValidation, at pointer: String) -> Owner? {
        guard let owner = Owner(kind: type, id: id) else {
            v.fail(pointer + "/type", "\"\(type)\" is not one of: user, team."); return nil
        }
        return owner
    }
}

/// Body of `POST /v1/cases`.
struct CreateCaseBody: Decodable {
    /// The most claims one request may put on a case.
    static let maximumClaims = 500
    /// The most tags, or CARCs, a case may carry.
    static let maximumLabels = 50

    let claims: [ClaimLinkBody]
    let subject: String
    let tags: [String]?
    let carc_codes: [String]?
    let resolved_carc_codes: [String]?
    let description: String?
    let follow_up_by: String?
    let priority: String?
    let owner: OwnerBody?
    let stage: String?

    func validated() throws -> NewCase {
        var v = FieldValidation()
        if claims.isEmpty { v.fail("/claims", "A case needs at least one claim.") }
        if claims.count > Self.maximumClaims { v.fail("/claims", "At most \(Self.maximumClaims) claims per request.") }
        let subject = v.text(self.subject, at: "/subject")
        v.count(carc_codes ?? [], at: "/carc_codes", limit: CreateCaseBody.maximumLabels)
        v.count(resolved_carc_codes ?? [], at: "/resolved_carc_codes", limit: CreateCaseBody.maximumLabels)
        v.count(tags ?? [], at: "/tags", limit: CreateCaseBody.maximumLabels)
        let carcs = v.carcs(carc_codes ?? [], at: "/carc_codes")
        let resolved = v.carcs(resolved_carc_codes ?? [], at: "/resolved_carc_codes")
        let followUp = follow_up_by.flatMap { v.day($0, at: "/follow_up_by") }
        let priority = priority.flatMap { v.choice($0, Priority.self, at: "/priority") } ?? .normal
        let stage = stage.flatMap { v.choice($0, Stage.self, at: "/stage") } ?? .new
        let owner = owner?.validated(&v, at: "/owner")
        for (index, tag) in (tags ?? []).enumerated() { _ = v.text(tag, at: "/tags/\(index)", limit: 64) }
        let description = v.text(description ?? "", at: "/description", limit: 10_000, allowEmpty: true)
        try v.check()
        return NewCase(claims: claims.map { ($0.claim_id, $0.submission_id) }, subject: subject ?? "", tags: tags ?? [],
                       carcCodes: carcs, resolvedCarcCodes: resolved, description: description ?? "", followUpBy: followUp,
                       priority: priority, owner: owner, stage: stage)
    }
}

/// Body of `POST /v1/cases/{id}/claims`.
struct AddClaimsBody: Decodable {
    let claims: [ClaimLinkBody]
}

/// Body of `POST /v1/claims/{id}/cases`: put this claim (or one submission of it) on an existing case.
struct LinkCaseBody: Decodable {
    let case_id: String
    let submission_id: String?
}

/// Body of `POST /v1/cases/{id}/resolve` (members optional; an empty body is fine).
struct CloseCaseBody: Decodable {
    let note: String?
    let resolved_carc_codes: [String]?
    /// Consent to cancel the case's open tasks and scheduled appointments (else 409 when there are any).
    let cancel_open_activities: Bool?
}

/// Body of `POST /v1/cases/{id}/cancel` (optional; an empty body is fine).
struct CancelCaseBody: Decodable {
    let note: String?
    /// Consent to cancel the case's open tasks and scheduled appointments (else 409 when there are any).
    let cancel_open_activities: Bool?
}
