import CaseworkDomain
import CaseworkUseCases
import HTTPServer

/// What a handler gets: the request, its path parameters, the authenticated caller and the store.
struct RequestContext {
    let request: HTTPRequest
    let parameters: RouteParameters
    let caller: Caller
    let store: any CaseworkData
    let caches: RepresentationCaches

    var organizationID: String { caller.organizationID }
    /// The case use cases over the store, at the system's time.
    var caseWork: CaseWork { CaseWork(database: store) }
    /// The timeline use cases over the store, at the system's time.
    var activityWork: ActivityWork { ActivityWork(database: store) }

    /// Today in the organization's time zone: what is overdue, due or aged is counted against it.
    var today: Day { OrganizationClock.today(timeZone: caller.timeZone) }
    /// The query as the audit log keeps it for a bulk read of patient data: decoded `name=value` pairs joined by `&`.
    var auditedQuery: String { request.query.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&") }

    /// Audits the caller's reads of these patients' data (HIPAA access audit); nothing for a HEAD,
    /// which shows no data, or for no patient.
    func auditPatientReads(_ patientIDs: [String]) {
        guard !patientIDs.isEmpty, request.method != "HEAD" else { return }
        store.audit.recordPatientReads(organizationID: organizationID, actorID: caller.userID, patientIDs: patientIDs)
    }

    /// Audits one bulk read of `rows` rows naming patients, with this request's query as the filter;
    /// nothing for a HEAD or no such row.
    func auditBulkPatientRead(rows: Int) {
        guard rows > 0, request.method != "HEAD" else { return }
        store.audit.recordBulkPatientRead(organizationID: organizationID, actorID: caller.userID, action: "list",
                                          filter: auditedQuery, rows: rows)
    }

    /// A path parameter the route pattern guarantees.
    func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// The revision of the case `caseID` that an `If-Match` header admits (our strong ETags are
    /// `"r<revision>"`; RFC 9110 §13.1.1 strong comparison), nil when the header is absent or `*`.
    /// With several tags, the current revision is returned when listed; storage checks it again
    /// inside the write, so a concurrent change still fails.
    /// - Throws: 412 when the header names no revision of ours (it can never match).
    func expectedRevision(of caseID: String) throws -> Int? {
        guard let header = request.headers["If-Match"]?.trimmingCharacters(in: .whitespaces), header != "*" else { return nil }
        let revisions = header.split(separator: ",").compactMap { tag -> Int? in
            let tag = tag.trimmingCharacters(in: .whitespaces)
            guard tag.hasPrefix("\"r"), tag.hasSuffix("\""), tag.count > 3 else { return nil }
            let digits = String(tag.dropFirst(2).dropLast())
            // Strong comparison is character for character: "r02" is not "r2".
            guard let revision = Int(digits), String(revision) == digits else { return nil }
            return revision
        }
        guard let first = revisions.first else {
            throw APIError(status: 412, slug: "precondition-failed", title: "Precondition failed",
                           detail: "If-Match names no version of this case.")
        }
        if revisions.count > 1, let current = try store.cases.get(organizationID: organizationID, id: caseID)?.case.revision,
           revisions.contains(current) {
            return current
        }
        return first
    }

    /// Whether `If-None-Match` lists `etag` or `*` (weak comparison, RFC 9110 §13.1.2).
    func noneMatch(_ etag: String) -> Bool {
        guard let header = request.headers["If-None-Match"] else { return false }
        let opaque = { (tag: String) in tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag }
        return header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .contains { $0 == "*" || opaque($0) == opaque(etag) }
    }
}

import Foundation
