import CaseworkDomain

/// Reads the members of a PATCH body that may not be null: an absent member keeps its value, a
/// `null` one is an error at that member (`nullMembers`), any other value is decoded.
struct PatchMembers<Key: CodingKey> {
    let container: KeyedDecodingContainer<Key>
    private(set) var nullMembers: [String] = []

    init(_ decoder: any Decoder) throws {
        container = try decoder.container(keyedBy: Key.self)
    }

    mutating func value<T: Decodable>(_ key: Key, _ type: T.Type) throws -> T? {
        guard container.contains(key) else { return nil }
        if try container.decodeNil(forKey: key) { nullMembers.append(key.stringValue); return nil }
        return try container.decode(T.self, forKey: key)
    }
}

/// Body of `PATCH /v1/claims/{id}`: a correction of the expected amount and/or the write-off, in cents.
struct PatchClaimBody: Decodable {
    private enum Key: String, CodingKey { case expected_cents, write_off_cents }
    let expectedCents: Int?
    let writeOffCents: Int?
    let nullMembers: [String]

    init(from decoder: any Decoder) throws {
        var members = try PatchMembers<Key>(decoder)
        expectedCents = try members.value(.expected_cents, Int.self)
        writeOffCents = try members.value(.write_off_cents, Int.self)
        nullMembers = members.nullMembers
    }

    /// - Throws: 422 for a null member or an amount beyond ±10^11 cents.
    func validated() throws -> ClaimCorrection {
        var v = FieldValidation()
        for member in nullMembers { v.fail("/\(member)", "Cannot be null.") }
        for (name, value) in [("expected_cents", expectedCents), ("write_off_cents", writeOffCents)] {
            if let value, value.magnitude > 100_000_000_000 { v.fail("/\(name)", "Out of range.") }
        }
        try v.check()
        return ClaimCorrection(expected: expectedCents.map(Cents.init), writeOff: writeOffCents.map(Cents.init))
    }
}

/// Body of `PATCH /v1/teams/{id}`: a new name and/or the whole new member list.
struct PatchTeamBody: Decodable {
    private enum Key: String, CodingKey { case name, member_ids }
    let name: String?
    let memberIDs: [String]?
    let nullMembers: [String]

    init(from decoder: any Decoder) throws {
        var members = try PatchMembers<Key>(decoder)
        name = try members.value(.name, String.self)
        memberIDs = try members.value(.member_ids, [String].self)
        nullMembers = members.nullMembers
    }

    /// The trimmed name (if given) and member ids (if given).
    /// - Throws: 422 for a null member, a blank or over-long name, or more than 500 members.
    func validated() throws -> (name: String?, memberIDs: [String]?) {
        var v = FieldValidation()
        for member in nullMembers { v.fail("/\(member)", "Cannot be null.") }
        let trimmed = name.flatMap { v.text($0, at: "/name") }
        v.count(memberIDs ?? [], at: "/member_ids", limit: 500)
        try v.check()
        return (trimmed, memberIDs)
    }
}
