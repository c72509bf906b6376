import CaseworkDomain

/// Body of `POST /v1/users`.
struct CreateUserBody: Decodable {
    let name: String
    let email: String
    let role: String?

    func validated() throws -> (name: String, email: String, role: Role) {
        var v = FieldValidation()
        let name = v.text(self.name, at: "/name")
        let email = EmailAddress.normalized(self.email)
        if email == nil { v.fail("/email", "\"\(self.email)\" is not an e-mail address.") }
        let role = role.flatMap { v.choice($0, Role.self, at: "/role") } ?? .biller
        try v.check()
        return (name ?? "", email ?? "", role)
    }
}

/// Body of `POST /v1/teams`.
struct CreateTeamBody: Decodable {
    let name: String
    let member_ids: [String]?
}

/// Body of `POST /v1/subjects`.
struct CreateSubjectBody: Decodable {
    let name: String
}

/// Body of `POST /v1/payers`.
struct CreatePayerBody: Decodable {
    let name: String
    let payer_id: String?
    let kind: String?
    let timely_filing_days: Int?
    let appeal_days: Int?

    func validated() throws -> (name: String, payerID: String?, kind: PayerKind, timelyFilingDays: Int?, appealDays: Int?) {
        var v = FieldValidation()
        let name = v.text(self.name, at: "/name")
        let kind = kind.flatMap { v.choice($0, PayerKind.self, at: "/kind") } ?? .other
        if let days = timely_filing_days, !(1...3650).contains(days) { v.fail("/timely_filing_days", "Use 1 to 3650 days.") }
        if let days = appeal_days, !(1...3650).contains(days) { v.fail("/appeal_days", "Use 1 to 3650 days.") }
        if let id = payer_id { _ = v.text(id, at: "/payer_id", limit: 80) }
        try v.check()
        return (name ?? "", payer_id, kind, timely_filing_days, appeal_days)
    }
}

/// Body of `POST /v1/patients`.
struct CreatePatientBody: Decodable {
    let first_name: String
    let last_name: String
    let birth_date: String?
    let member_id: String?

    func validated() throws -> (firstName: String, lastName: String, birthDate: Day?, memberID: String?) {
        var v = FieldValidation()
        let first = v.text(first_name, at: "/first_name")
        let last = v.text(last_name, at: "/last_name")
        let birth = birth_date.flatMap { v.day($0, at: "/birth_date") }
        if let birth, birth > Instant.now().day { v.fail("/birth_date", "A birth date cannot be in the future.") }
        if let member_id { _ = v.text(member_id, at: "/member_id", limit: 80) }
        try v.check()
        return (first ?? "", last ?? "", birth, member_id)
    }
}
