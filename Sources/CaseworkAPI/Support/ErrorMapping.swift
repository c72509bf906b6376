import CaseworkDomain
import CaseworkUseCases
import X12

/// Maps domain and storage failures to one status and one problem `type` each.
enum ErrorMapping {
    static func apiError(for error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let violation as CaseRuleViolation: return apiError(for: violation)
        case let storage as StorageError: return apiError(for: storage)
        case let timeline as ActivityRuleViolation: return apiError(for: timeline)
        case let correction as ClaimCorrectionError:
            return .validation(correction.problems.map { FieldError(pointer: "/\($0.member)", $0.detail) })
        case let file as X12Error:
            return APIError(status: 422, slug: "invalid-x12", title: "Not a valid 835 file",
                            detail: "Nothing was posted: \(file.description)",
                            errors: [FieldError(pointer: "", file.message)],
                            extra: [("position", .object([("segment_number", .int(file.segmentNumber)), ("byte_offset", .int(file.byteOffset)),
                                                          ("segment_id", .string(file.segmentID))]))])
        case is PageError:
            return APIError(status: 400, slug: "invalid-query", title: "Invalid query parameter",
                            detail: "The cursor was not issued for this list and sort.",
                            errors: [FieldError(parameter: "cursor", "Unknown cursor.")])
        case let busy where StorageError.isBusy(busy):
            return APIError(status: 503, slug: "busy", title: "Busy", detail: "The database is busy; retry shortly.",
                            headers: [("Retry-After", "1")])
        default:
            RequestRecord.current?.failure = failureName(error)
            return APIError(status: 500, slug: "internal", title: "Internal error", detail: "The request could not be completed.")
        }
    }

    /// An unexpected error for the log: its type, and a driver's code (e.g. SQLite's `sqlite 1`); no message.
    static func failureName(_ error: any Error) -> String {
        let type = String(describing: Swift.type(of: error))
        return (error as? any DriverFailure).map { "\(type) \($0.failureCode)" } ?? type
    }

    static func apiError(for violation: CaseRuleViolation) -> APIError {
        switch violation {
        case .noClaims:
            return .validation([FieldError(pointer: "/claims", "A case needs at least one claim.")])
        case .duplicateClaim(let claimID):
            return APIError(status: 409, slug: "duplicate-claim", title: "Claim given twice",
                            detail: "Claim \(claimID) is already on this case or was given twice.", extra: [("claim_id", .string(claimID))])
        case .payerMismatch(let claimID, let casePayer, let claimPayer, let casePayerName, let claimPayerName):
            func payer(_ id: String, _ name: String?) -> String { name.map { "\($0) (\(id))" } ?? id }
            return APIError(status: 422, slug: "payer-mismatch", title: "Claims of different payers",
                            detail: "Claim \(claimID) is billed to payer \(payer(claimPayer, claimPayerName)), but the case's payer is "
                                + "\(payer(casePayer, casePayerName)); a case's claims share one payer.",
                            extra: [("claim_id", .string(claimID)),
                                    ("claim_payer", .object([("id", .string(claimPayer)), ("name", .optional(claimPayerName))])),
                                    ("case_payer", .object([("id", .string(casePayer)), ("name", .optional(casePayerName))]))])
        case .resolvedCodesNotDisputed(let codes):
            return APIError(status: 422, slug: "validation-failed", title: "Validation failed",
                            detail: "Resolved CARCs must be among the disputed ones: \(codes.map(\.description).joined(separator: ", ")) are not.",
                            errors: [FieldError(pointer: "/resolved_carc_codes", "Not among carc_codes: \(codes.map(\.description).joined(separator: ", ")).")])
        case .caseNotActive(let status):
            return APIError(status: 409, slug: "case-not-active", title: "Case is closed",
                            detail: "The case is \(status.rawValue); reactivate it first.", extra: [("case_status", .string(status.rawValue))])
        case .caseAlreadyActive:
            return APIError(status: 409, slug: "case-already-active", title: "Case is active", detail: "Only a resolved or canceled case can be reactivated.")
        case .claimHeldByActiveCase(let claimID, let claimNumber, let caseID, let caseNumber):
            return APIError(status: 409, slug: "claim-has-active-case", title: "Claim already has an active case",
                            detail: "Claim \(claimNumber) is held by active case \(caseNumber); a claim may have one active case at a time.",
                            extra: [("claim_id", .string(claimID)), ("claim_number", .string(claimNumber)),
                                    ("active_case", .object([("id", .string(caseID)), ("number", .string(caseNumber))]))])
        case .claimNotOnCase(let claimID):
            return .notFound("claim on this case", claimID)
        case .lastClaimOnCase(let claimID):
            return APIError(status: 409, slug: "last-claim", title: "Last claim of the case",
                            detail: "Claim \(claimID) is the case's only claim; cancel the case instead.", extra: [("claim_id", .string(claimID))])
        case .submissionNotOfClaim(let submissionID, let claimID, let pointer):
            return APIError(status: 422, slug: "validation-failed", title: "Validation failed",
                            detail: "Submission \(submissionID) is not a submission of claim \(claimID).",
                            errors: [FieldError(pointer: pointer, "Submission \(submissionID) belongs to another claim.")])
        case .openWorkNeedsConsent(let work):
            return APIError(status: 409, slug: "open-activities", title: "Case has open activities",
                            detail: "The case has \(work.count) open task(s) or appointment(s); send \"cancel_open_activities\": true to cancel them with it.",
                            extra: [("open_activities", .array(work.map(ActivityRepresentation.reference)))])
        case .unknownSubject(let subject):
            return .validation([FieldError(pointer: "/subject", unknownSubjectDetail(subject))])
        }
    }

    static func apiError(for violation: ActivityRuleViolation) -> APIError {
        switch violation {
        case .fieldNotOfKind(let field, let kind):
            return .validation([FieldError(pointer: "/\(field)", "\(field) is not a field of \(ErrorMapping.named(kind)).")])
        case .illegalStateChange(let from, let to):
            return APIError(status: 409, slug: "illegal-state-change", title: "State change not allowed",
                            detail: "An activity cannot move from \(from) to \(to).",
                            errors: [FieldError(pointer: "/state", "Cannot move from \(from) to \(to).")])
        case .endsBeforeStart:
            return .validation([FieldError(pointer: "/ends_at", "Must not be before starts_at.")])
        case .systemEventsAreReadOnly:
            return APIError(status: 409, slug: "system-event", title: "System entries are read-only",
                            detail: "Timeline entries of kind system are written by Casework and cannot be changed.")
        case .openWorkOnClosedCase:
            return APIError(status: 409, slug: "case-not-active", title: "Case is closed",
                            detail: "Open tasks and scheduled appointments can only be planned on an active case.")
        case .occursAfterLogging:
            return .validation([FieldError(pointer: "/occurred_at", occursAfterLoggingDetail)])
        }
    }

    /// The kind as a reader says it, with its article: "a note", "an e-mail", "a phone call", "an appointment".
    static func named(_ kind: ActivityKind) -> String {
        switch kind {
        case .note: "a note"
        case .email: "an e-mail"
        case .phoneCall: "a phone call"
        case .task: "a task"
        case .appointment: "an appointment"
        case .system: "a system event"
        }
    }

    /// Why a case subject is refused.
    static func unknownSubjectDetail(_ subject: String) -> String {
        "\"\(subject)\" is not in the organization's subject list (GET /v1/subjects)."
    }

    /// Why an `occurred_at` is refused.
    static let occursAfterLoggingDetail = "A call or e-mail is logged after it happened: occurred_at must not be in the future, nor after the entry was logged (created_at)."


    static func apiError(for error: StorageError) -> APIError {
        switch error {
        case .notFound(let entity, let id):
            return .notFound(entity, id)
        case .duplicate(let entity, let field, let value):
            return APIError(status: 409, slug: "duplicate", title: "Already exists",
                            detail: "A \(entity) with \(field) \(value) already exists.",
                            errors: [FieldError(pointer: "/\(field)", "Already taken.")])
        case .invalidReference(let field, let id):
            return .validation([FieldError(pointer: field, "No such id in your organization: \(id).")])
        case .cannotWorkCases(let field, let id, let role):
            return .validation([FieldError(pointer: field, "User \(id) is a \(role): owners and assignees must be billers or admins (or, for owners, a team).")])
        case .revisionMismatch(let current):
            return APIError(status: 412, slug: "precondition-failed", title: "Precondition failed",
                            detail: "The case changed while your change was checked (it is now at revision \(current)); "
                                + "read it again for its current ETag.")
        }
    }
}
