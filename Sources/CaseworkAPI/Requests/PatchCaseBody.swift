import CaseworkDomain
import Foundation

/// Body of `PATCH /v1/cases/{id}`: only present members change; `null` clears
/// `follow_up_by` and `owner`.
struct PatchCaseBody: Decodable {
    private enum Key: String, CodingKey, CaseIterable {
        case subject, tags, carc_codes, resolved_carc_codes, description, follow_up_by, priority, owner, stage
    }

    var subject: String?
    var tags: [String]?
    var carcCodes: [String]?
    var resolvedCarcCodes: [String]?
    var description: String?
    var followUpBy: String??
    var priority: String?
    var owner: OwnerBody??
    var stage: String?
    /// Members sent as `null` that cannot be cleared.
    var nullMembers: [String] = []

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        for key in Key.allCases where key != .follow_up_by && key != .owner && c.contains(key) {
            if try c.decodeNil(forKey: key) { nullMembers.append(key.rawValue) }
        }
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        tags = try c.decodeIfPresent([String].self, forKey: .tags)
        carcCodes = try c.decodeIfPresent([String].self, forKey: .carc_codes)
        resolvedCarcCodes = try c.decodeIfPresent([String].self, forKey: .resolved_carc_codes)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        priority = try c.decodeIfPresent(String.self, forKey: .priority)
        stage = try c.decodeIfPresent(String.self, forKey: .stage)
        if c.contains(.follow_up_by) {
            followUpBy = try c.decodeNil(forKey: .follow_up_by) ? .some(nil) : .some(try c.decode(String.self, forKey: .follow_up_by))
        }
        if c.contains(.owner) {
            owner = try c.decodeNil(forKey: .owner) ? .some(nil) : .some(try c.decode(OwnerBody.self, forKey: .owner))
        }
    }

    func validated() throws -> CaseChanges {
        var v = FieldValidation()
        for member in nullMembers { v.fail("/\(member)", "Cannot be null; leave it out to keep the current value.") }
        var changes = CaseChanges()
        if let subject { changes.subject = v.text(subject, at: "/subject") }
        if let tags {
            v.count(tags, at: "/tags", limit: CreateCaseBody.maximumLabels)
            for (index, tag) in tags.enumerated() { _ = v.text(tag, at: "/tags/\(index)", limit: 64) }
            changes.tags = tags
        }
        if let carcCodes { v.count(carcCodes, at: "/carc_codes", limit: CreateCaseBody.maximumLabels) }
        if let resolvedCarcCodes { v.count(resolvedCarcCodes, at: "/resolved_carc_codes", limit: CreateCaseBody.maximumLabels) }
        if let carcCodes { changes.carcCodes = v.carcs(carcCodes, at: "/carc_codes") }
        if let resolvedCarcCodes { changes.resolvedCarcCodes = v.carcs(resolvedCarcCodes, at: "/resolved_carc_codes") }
        if let description { changes.description = v.text(description, at: "/description", limit: 10_000, allowEmpty: true) }
        if let followUpBy { changes.followUpBy = .some(followUpBy.flatMap { v.day($0, at: "/follow_up_by") }) }
        if let priority { changes.priority = v.choice(priority, Priority.self, at: "/priority") }
        if let owner { changes.owner = .some(owner.flatMap { $0.validated(&v, at: "/owner") }) }
        if let stage { changes.stage = v.choice(stage, Stage.self, at: "/stage") }
        try v.check()
        return changes
    }
}
