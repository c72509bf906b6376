import CaseworkDomain
import CaseworkUseCases
import Foundation

/// Body of `POST /v1/rules` and `PATCH /v1/rules/{id}`. On PATCH only present members change,
/// and `null` clears a condition (`payer_id`, `category`, `carc_code`, `minimum_denied_cents`),
/// the `owner` or `follow_up_days`.
struct RuleBody: Decodable {
    private enum Key: String, CodingKey, CaseIterable {
        case name, position, payer_id, category, carc_code, minimum_denied_cents, action, owner, priority, follow_up_days
    }
    /// Members that may be sent as `null` to clear them.
    private static let clearable: Set<Key> = [.payer_id, .category, .carc_code, .minimum_denied_cents, .owner, .follow_up_days]

    var name: String?
    var position: Int?
    var payerID: String??
    var category: String??
    var carcCode: String??
    var minimumDeniedCents: Int??
    var action: String?
    var owner: OwnerBody??
    var priority: String?
    var followUpDays: Int??
    var nullMembers: [String] = []

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        for key in Key.allCases where !Self.clearable.contains(key) && c.contains(key) {
            if try c.decodeNil(forKey: key) { nullMembers.append(key.rawValue) }
        }
        func optional<T: Decodable>(_ key: Key, _ type: T.Type) throws -> T?? {
            guard c.contains(key) else { return nil }
            return try c.decodeNil(forKey: key) ? .some(nil) : .some(try c.decode(T.self, forKey: key))
        }
        name = try c.decodeIfPresent(String.self, forKey: .name)
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        action = try c.decodeIfPresent(String.self, forKey: .action)
        priority = try c.decodeIfPresent(String.self, forKey: .priority)
        payerID = try optional(.payer_id, String.self)
        category = try optional(.category, String.self)
        carcCode = try optional(.carc_code, String.self)
        minimumDeniedCents = try optional(.minimum_denied_cents, Int.self)
        owner = try optional(.owner, OwnerBody.self)
        followUpDays = try optional(.follow_up_days, Int.self)
    }

    /// The rule input: `current` merged with the body (PATCH), or the body alone (POST, where
    /// `name` and `action` are required).
    /// - Throws: 422 listing every member that is out of range, not a choice or null where it may not be.
    func validated(over current: WorkRuleInput?) throws -> WorkRuleInput {
        var v = FieldValidation()
        for member in nullMembers { v.fail("/\(member)", "Cannot be null.") }
        if current == nil {
            if name == nil { v.fail("/name", "Required.") }
            if action == nil { v.fail("/action", "Required: one of \(WorkRule.Action.allCases.map(\.rawValue).joined(separator: ", ")).") }
        }
        var input = current ?? WorkRuleInput(
            name: "", position: nil, payerID: nil, category: nil, carc: nil, minimumDeniedAmount: nil, action: .leave, owner: nil,
            priority: .normal, followUpDays: nil)
        if let name { input.name = v.text(name, at: "/name") ?? input.name }
        if let position {
            if !(0...1_000_000).contains(position) { v.fail("/position", "Use 0 to 1000000.") }
            input.position = position
        }
        if let payerID { input.payerID = payerID }
        if let category { input.category = category.flatMap { v.text($0, at: "/category") } }
        if let carcCode { input.carc = carcCode.flatMap { v.carc($0, at: "/carc_code") } }
        if let minimumDeniedCents {
            if let cents = minimumDeniedCents, !(0...1_000_000_000_00).contains(cents) { v.fail("/minimum_denied_cents", "Use 0 to 100000000000 cents.") }
            input.minimumDeniedAmount = minimumDeniedCents.map(Cents.init)
        }
        if let action { input.action = v.choice(action, WorkRule.Action.self, at: "/action") ?? input.action }
        if let owner { input.owner = owner.flatMap { $0.validated(&v, at: "/owner") } }
        if let priority { input.priority = v.choice(priority, Priority.self, at: "/priority") ?? input.priority }
        if let followUpDays {
            if let days = followUpDays, !(0...3650).contains(days) { v.fail("/follow_up_days", "Use 0 to 3650 days.") }
            input.followUpDays = followUpDays
        }
        try v.check()
        return input
    }
}

/// Body of `PUT /v1/denial-categories/{carc}`.
struct DenialCategoryBody: Decodable {
    let subject: String
}

/// Body of `PATCH /v1/settings`: only present members change; unknown members are refused.
/// `time_zone` is an IANA tz database name (`America/Chicago`, `UTC`).
struct SettingsBody: Decodable {
    let auto_resolve_paid_cases: Bool?
    let time_zone: String?

    /// `current` with the body's changes (a member that is not a setting is refused while decoding).
    /// - Throws: 422 at `/time_zone` for a name the tz database does not know.
    func applied(to current: OrganizationSettings) throws -> OrganizationSettings {
        var settings = current
        if let auto_resolve_paid_cases { settings.autoResolvePaidCases = auto_resolve_paid_cases }
        if let time_zone {
            guard OrganizationClock.isKnown(time_zone) else {
                throw APIError.validation([FieldError(pointer: "/time_zone",
                                                      "\"\(time_zone.prefix(64))\(time_zone.count > 64 ? "…" : "")\" is not an IANA time zone name like America/Chicago or UTC.")])
            }
            settings.timeZone = time_zone
        }
        return settings
    }
}

/// Body of `PATCH /v1/payers/{id}`: only present members change; `null` clears `payer_id`,
/// `timely_filing_days` and `appeal_days`.
struct PatchPayerBody: Decodable {
    private enum Key: String, CodingKey, CaseIterable { case name, payer_id, kind, timely_filing_days, appeal_days }

    var name: String?
    var kind: String?
    var payerID: String??
    var timelyFilingDays: Int??
    var appealDays: Int??
    var nullMembers: [String] = []

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        for key in [Key.name, .kind] where c.contains(key) {
            if try c.decodeNil(forKey: key) { nullMembers.append(key.rawValue) }
        }
        func optional<T: Decodable>(_ key: Key, _ type: T.Type) throws -> T?? {
            guard c.contains(key) else { return nil }
            return try c.decodeNil(forKey: key) ? .some(nil) : .some(try c.decode(T.self, forKey: key))
        }
        name = try c.decodeIfPresent(String.self, forKey: .name)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        payerID = try optional(.payer_id, String.self)
        timelyFilingDays = try optional(.timely_filing_days, Int.self)
        appealDays = try optional(.appeal_days, Int.self)
    }

    func applied(to payer: Payer) throws -> Payer {
        var v = FieldValidation()
        for member in nullMembers { v.fail("/\(member)", "Cannot be null.") }
        var after = payer
        if let name { after.name = v.text(name, at: "/name") ?? payer.name }
        if let kind { after.kind = v.choice(kind, PayerKind.self, at: "/kind") ?? payer.kind }
        if let payerID { after.payerID = payerID.flatMap { v.text($0, at: "/payer_id", limit: 80) } }
        if let timelyFilingDays {
            if let days = timelyFilingDays, !(1...3650).contains(days) { v.fail("/timely_filing_days", "Use 1 to 3650 days.") }
            after.timelyFilingDays = timelyFilingDays
        }
        if let appealDays {
            if let days = appealDays, !(1...3650).contains(days) { v.fail("/appeal_days", "Use 1 to 3650 days.") }
            after.appealDays = appealDays
        }
        try v.check()
        return after
    }
}
