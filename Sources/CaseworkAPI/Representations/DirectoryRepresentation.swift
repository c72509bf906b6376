import CaseworkDomain

/// JSON shapes of users, teams, payers and patients.
enum DirectoryRepresentation {
    static func user(_ u: User) -> JSONValue {
        .object([("id", .string(u.id)), ("name", .string(u.name)), ("email", .string(u.email)), ("role", .string(u.role.rawValue))])
    }

    static func team(_ t: Team) -> JSONValue {
        .object([("id", .string(t.id)), ("name", .string(t.name)), ("member_ids", .strings(t.memberIDs))])
    }

    static func payer(_ p: Payer) -> JSONValue {
        .object([
            ("id", .string(p.id)), ("name", .string(p.name)), ("payer_id", .optional(p.payerID)), ("kind", .string(p.kind.rawValue)),
            ("timely_filing_days", .optional(p.timelyFilingDays)), ("appeal_days", .optional(p.appealDays)),
        ])
    }

    static func patient(_ p: Patient) -> JSONValue {
        .object([
            ("id", .string(p.id)), ("first_name", .string(p.firstName)), ("last_name", .string(p.lastName)),
            ("birth_date", .optional(p.birthDate?.description)), ("member_id", .optional(p.memberID)),
        ])
    }
}
