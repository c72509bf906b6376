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
}

import Foundation
