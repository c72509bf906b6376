import Foundation

/// The claims fixture format of `shared/data/claims/remittance-claims.json`: claims derived from
/// X12 835 CLP loops, with money in integer cents and ISO 8601 dates.
public struct ClaimFixture: Decodable, Sendable {
    public struct Payer: Decodable, Sendable {
        public let key: String
        public let name: String
        public let payer_id: String?
    }
    public struct Patient: Decodable, Sendable {
        public let key: String
        public let first_name: String
        public let last_name: String
        public let member_id: String?
    }
    public struct Submission: Decodable, Sendable {
        public let sequence: Int
        public let frequency_code: String
        public let payer_claim_number: String?
        public let submitted_on: String?
    }
    public struct Adjustment: Decodable, Sendable {
        public let group: String
        public let carc: String
        public let amount_cents: Int
        public let level: String
    }
    public struct Remittance: Decodable, Sendable {
        public let source_file: String?
        public let status_code: String
        public let paid_cents: Int
        public let patient_responsibility_cents: Int
        public let paid_on: String?
        public let adjustments: [Adjustment]
        public let remark_codes: [String]
    }
    public struct Claim: Decodable, Sendable {
        public let claim_number: String
        public let payer: String
        public let patient: String?
        public let service_start: String?
        public let service_end: String?
        public let billed_cents: Int
        public let expected_cents: Int
        public let submissions: [Submission]
        public let remittances: [Remittance]
    }

    public let payers: [Payer]
    public let patients: [Patient]
    public let claims: [Claim]

    /// Decodes the file at `path`.
    /// - Throws: file-system errors and `DecodingError` describing the first bad field.
    public static func load(path: String) throws -> ClaimFixture {
        try JSONDecoder().decode(ClaimFixture.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
