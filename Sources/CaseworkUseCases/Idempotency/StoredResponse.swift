import CaseworkDomain

/// A stored answer to a POST sent with an `Idempotency-Key`.
public struct StoredResponse: Sendable, Hashable {
    /// SHA-256 of the request it answered (method, target, body).
    public var fingerprint: String
    public var status: Int
    public var headers: [[String]]
    public var body: [UInt8]
    /// False for an answer whose body was streamed and not kept: a retry acts again.
    public var replayable: Bool

    public init(fingerprint: String, status: Int, headers: [[String]], body: [UInt8], replayable: Bool = true) {
        self.fingerprint = fingerprint; self.status = status; self.headers = headers; self.body = body; self.replayable = replayable
    }
}

/// What `IdempotentRequests.once` did: replayed a stored answer, or acted.
public enum IdempotentOutcome<Answer> {
    case replayed(StoredResponse)
    case acted(Answer)
}
