#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Synchronization

/// The caller a bearer token stands for.
struct Caller {
    let userID: String
    let organizationID: String
    let teamIDs: [String]
}

/// A case's JSON body, its ETag and its patient (whose read is audited).
struct CaseBody {
    let json: [UInt8]
    let etag: String
    let patientID: String?
}

/// The same reads as `casework`'s `TokenRepository.authenticate` and `CaseRepository.record`:
/// the same statements, each group in its own read transaction; and the same case cache as
/// `casework`'s GET /v1/cases/{id}: a case's body is kept while its organization's data version
/// (`organizations.data_version`, read first in the case's transaction) is unchanged.
final class CaseStore: Sendable {
    let pool: ConnectionPool
    /// Bodies by organization and case id, with the data version they were read at.
    private let cache = Mutex<[String: (version: Int, body: CaseBody)]>([:])

    init(pool: ConnectionPool) { self.pool = pool }

    /// The caller of `token` (looked up by the lower-case hex SHA-256 of its UTF-8 bytes, the stored
    /// digest then compared in constant time), or nil. Records the token's last use at most once a
    /// minute, as `casework` does.
    func authenticate(token: Substring) throws -> Caller? {
        guard token.utf8.count <= 256 else { return nil }
        let digest = Self.hexDigest(token)
        let found = try pool.withConnection { db -> (caller: Caller, tokenID: String, lastUsed: String?)? in
            try db.read {
                var user: (id: String, organizationID: String, tokenID: String, lastUsed: String?)?
                try db.query(
                    """
                    SELECT u.*, t.id AS token_id, t.token_sha256, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id
                    WHERE t.token_sha256 = ? AND t.revoked_at IS NULL
                    """, [digest]) { row in
                        if user == nil, Self.constantTimeEqual(row.string("token_sha256"), digest) {
                            user = (row.string("id"), row.string("organization_id"), row.string("token_id"), row.text("last_used_at"))
                        }
                    }
                guard let user else { return nil }
                var teams: [String] = []
                try db.query("SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id", [user.id]) { row in
                    teams.append(row.string("team_id"))
                }
                return (Caller(userID: user.id, organizationID: user.organizationID, teamIDs: teams), user.tokenID, user.lastUsed)
            }
        }
        guard let found else { return nil }
        let now = Instant.now()
        if found.lastUsed.flatMap(Instant.secondsSinceEpoch).map({ now.seconds - $0 >= 60 }) ?? true {
            try pool.write { db in
                try db.query("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [now.description, found.tokenID]) { _ in }
            }
        }
        return found.caller
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The JSON of case `id` of the organization, shaped like `CaseRepresentation.case`, or nil.
    func caseBody(organizationID: String, id: String) throws -> CaseBody? {
        try pool.withConnection { db in
            try db.read {
                var version = 0
                try db.query("SELECT data_version FROM organizations WHERE id = ?", [organizationID]) { version = $0.int("data_version") }
                let key = organizationID + "\u{1F}" + id
                if let kept = cache.withLock({ $0[key] }), kept.version == version { return kept.body }
                guard let body = try Self.load(db, organizationID: organizationID, id: id) else { return nil }
                cache.withLock { kept in
                    if kept.count >= 1024 { kept.removeAll() }
                    kept[key] = (version, body)
                }
                return body
            }
        }
    }

    private static func load(_ db: Connection, organizationID: String, id: String) throws -> CaseBody? {
        var json = JSONWriter()
        var found = false
        var revision = 0
        // Scalars of the case row, written once its tags, codes, claims and tasks are read.
        var fields: [String: String?] = [:]
        var number = 0
        try db.query(
            """
            SELECT c.*, p.name AS payer_name,
                   pt.first_name AS patient_first_name, pt.last_name AS patient_last_name,
                   COALESCE(u.name, t.name) AS owner_name
            FROM cases c
            JOIN payers p ON p.id = c.payer_id
            LEFT JOIN patients pt ON pt.id = c.patient_id
            LEFT JOIN users u ON c.owner_type = 'user' AND u.id = c.owner_id
            LEFT JOIN teams t ON c.owner_type = 'team' AND t.id = c.owner_id
            WHERE c.organization_id = ? AND c.id = ?
            """, [organizationID, id]) { row in
                guard !found else { return }
                found = true
                for name in ["id", "payer_id", "payer_name", "patient_id", "patient_first_name", "patient_last_name",
                             "subject", "description", "follow_up_by", "priority", "owner_type", "owner_id", "owner_name",
                             "stage", "status", "resolution_note", "created_at", "created_by", "updated_at", "updated_by",
                             "resolved_at", "canceled_at"] {
                    fields[name] = row.text(name)
                }
                number = row.int("number")
                revision = row.int("revision")
            }
        guard found else { return nil }
        func field(_ name: String) -> String? { fields[name] ?? nil }
        let caseID = field("id") ?? id

        var tags: [String] = []
        try db.query("SELECT tag FROM case_tags WHERE case_id = ? ORDER BY position", [caseID]) { tags.append($0.string("tag")) }
        var codes: [(code: String, resolved: Bool)] = []
        try db.query("SELECT code, resolved FROM case_carc_codes WHERE case_id = ? ORDER BY position", [caseID]) { row in
            codes.append((row.string("code"), row.int("resolved") != 0))
        }
        struct LinkedClaim {
            var id, number: String
            var submissionID: String?
            var linkedAt: String
            var serviceStart, serviceEnd: String?
            var billed, expected, paid, costShare, costSharePaid, writeOff: Int
            var outstanding: Int { expected - paid - costShare - writeOff }
            var costShareOutstanding: Int { costShare - costSharePaid }
        }
        var claims: [LinkedClaim] = []
        try db.query(
            """
            SELECT cl.*, l.submission_id AS link_submission_id, l.linked_at AS link_linked_at
            FROM case_claims l JOIN claims cl ON cl.id = l.claim_id
            WHERE l.case_id = ? ORDER BY cl.claim_number, cl.id
            """, [id]) { row in
                claims.append(LinkedClaim(
                    id: row.string("id"), number: row.string("claim_number"), submissionID: row.text("link_submission_id"),
                    linkedAt: row.string("link_linked_at"), serviceStart: row.text("service_start"), serviceEnd: row.text("service_end"),
                    billed: row.int("billed_cents"), expected: row.int("expected_cents"), paid: row.int("paid_cents"),
                    costShare: row.int("cost_share_cents"), costSharePaid: row.int("cost_share_paid_cents"),
                    writeOff: row.int("write_off_cents")))
            }
        var openTasks: [String] = []
        try db.query("SELECT subject FROM activities WHERE case_id = ? AND kind = 'task' AND state = 'open' ORDER BY seq", [id]) {
            openTasks.append($0.string("subject"))
        }

        // Totals as `CaseTotals`: ISO days compare as text.
        let billableStart = claims.compactMap { $0.serviceStart ?? $0.serviceEnd }.min()
        let billableEnd = claims.compactMap { $0.serviceEnd ?? $0.serviceStart }.max()

        json.open()
        json.key("id"); json.string(caseID)
        let digits = String(number)
        json.key("number"); json.string("CASE-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits)
        json.key("payer"); json.open()
        json.key("id"); json.string(field("payer_id") ?? ""); json.key("name"); json.string(field("payer_name") ?? "")
        json.close()
        json.key("patient")
        if let patientID = field("patient_id") {
            json.open()
            json.key("id"); json.string(patientID)
            json.key("name"); json.optional(field("patient_first_name").map { "\($0) \(field("patient_last_name") ?? "")" })
            json.close()
        } else {
            json.null()
        }
        json.key("subject"); json.string(field("subject") ?? "")
        json.key("tags"); json.strings(tags)
        json.key("carc_codes"); json.strings(codes.map(\.code))
        json.key("resolved_carc_codes"); json.strings(codes.filter(\.resolved).map(\.code))
        json.key("description"); json.string(field("description") ?? "")
        json.key("follow_up_by"); json.optional(field("follow_up_by"))
        json.key("priority"); json.string(field("priority") ?? "normal")
        json.key("owner")
        if let ownerType = field("owner_type") {
            json.open()
            json.key("type"); json.string(ownerType)
            json.key("id"); json.string(field("owner_id") ?? "")
            json.key("name"); json.optional(field("owner_name"))
            json.close()
        } else {
            json.null()
        }
        json.key("stage"); json.string(field("stage") ?? "new")
        json.key("status"); json.string(field("status") ?? "active")
        json.key("open_tasks"); json.strings(openTasks)
        json.key("totals"); json.open()
        json.key("billable_start"); json.optional(billableStart)
        json.key("billable_end"); json.optional(billableEnd)
        json.key("total_expected_cents"); json.int(claims.reduce(0) { $0 + $1.expected })
        json.key("total_paid_cents"); json.int(claims.reduce(0) { $0 + $1.paid })
        json.key("total_outstanding_cents"); json.int(claims.reduce(0) { $0 + $1.outstanding })
        json.key("total_cost_share_outstanding_cents"); json.int(claims.reduce(0) { $0 + $1.costShareOutstanding })
        json.close()
        json.key("claims"); json.openArray()
        for claim in claims {
            json.element()
            json.open()
            json.key("claim_id"); json.string(claim.id)
            json.key("claim_number"); json.string(claim.number)
            json.key("submission_id"); json.optional(claim.submissionID)
            json.key("linked_at"); json.string(claim.linkedAt)
            json.key("billed_cents"); json.int(claim.billed)
            json.key("expected_cents"); json.int(claim.expected)
            json.key("paid_cents"); json.int(claim.paid)
            json.key("cost_share_cents"); json.int(claim.costShare)
            json.key("cost_share_paid_cents"); json.int(claim.costSharePaid)
            json.key("write_off_cents"); json.int(claim.writeOff)
            json.key("outstanding_cents"); json.int(claim.outstanding)
            json.key("cost_share_outstanding_cents"); json.int(claim.costShareOutstanding)
            json.close()
        }
        json.closeArray()
        json.key("resolution_note"); json.optional(field("resolution_note"))
        json.key("created_at"); json.string(field("created_at") ?? "")
        json.key("created_by"); json.string(field("created_by") ?? "")
        json.key("updated_at"); json.string(field("updated_at") ?? "")
        json.key("updated_by"); json.string(field("updated_by") ?? "")
        json.key("resolved_at"); json.optional(field("resolved_at"))
        json.key("canceled_at"); json.optional(field("canceled_at"))
        json.key("revision"); json.int(revision)
        json.close()
        // casework's tag: the revision and the first 8 bytes of the body's SHA-256 in hex.
        let hash = Self.hex(SHA256.hash(data: json.bytes)).prefix(16)
        return CaseBody(json: json.bytes, etag: "\"r\(revision)-\(hash)\"", patientID: field("patient_id"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex SHA-256, the form `api_tokens.token_sha256` stores.
    static func hexDigest(_ token: Substring) -> String {
        hex(SHA256.hash(data: Array(token.utf8)))
    }

    /// Lower-case hex of a digest's bytes.
    static func hex(_ digest: SHA256.Digest) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// A compact JSON writer: objects, arrays, strings (escaped per RFC 8259), integers and null.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next member or element of the innermost container needs a comma before it.
    private var needsComma: [Bool] = []

    init() { bytes.reserveCapacity(2048) }

    mutating func open() { bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func close() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    mutating func openArray() { bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func closeArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    /// Starts an array element (a comma after the first).
    mutating func element() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    mutating func key(_ name: String) {
        element()
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func null() { bytes.append(contentsOf: "null".utf8) }
    mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func optional(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func strings(_ values: [String]) {
        openArray()
        for value in values { element(); string(value) }
        closeArray()
    }

    private static let hex = Array("0123456789abcdef".utf8)

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0a: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0d: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0f)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// UTC seconds, written and read as `casework` stores instants: `YYYY-MM-DDTHH:MM:SSZ`.
struct Instant {
    let seconds: Int

    static func now() -> Instant { Instant(seconds: Int(time(nil))) }

    var description: String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// Seconds since the epoch of `text`, or nil when it is not in that form.
    static func secondsSinceEpoch(_ text: String) -> Int? {
        let fields = text.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int32($0) }
        guard fields.count == 6 else { return nil }
        var parts = tm()
        parts.tm_year = fields[0] - 1900
        parts.tm_mon = fields[1] - 1
        parts.tm_mday = fields[2]
        parts.tm_hour = fields[3]
        parts.tm_min = fields[4]
        parts.tm_sec = fields[5]
        return Int(timegm(&parts))
    }
}
