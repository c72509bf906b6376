import CaseworkDomain

/// Requests sent with an `Idempotency-Key` (IETF draft-ietf-httpapi-idempotency-key-header): answers
/// kept per (organization, user, key) for `retention`, replayed to a retry instead of acting again.
public struct IdempotentRequests: Sendable {
    let database: any Transactions
    let ambient: Ambient
    /// How long an answer is replayed: 24 hours, in seconds.
    public static let retention: Int64 = 24 * 60 * 60

    public init(database: any Transactions, ambient: Ambient = .system) {
        self.database = database; self.ambient = ambient
    }

    /// Either the answer stored under the key, or `act`'s answer with its record written in the
    /// same write transaction as everything `act` writes: the action and the record of its answer
    /// commit together or not at all, so a crash between them cannot let a retry act twice, and
    /// concurrent requests with one key (in this process or another server) take turns on the key's lock.
    /// `act` returns its answer and the form to store (nil: store nothing, e.g. a secret). A stored
    /// answer that is not replayable, for the same request (`fingerprint`), lets `act` run again.
    /// - Throws: what `act` throws (then nothing it wrote is kept); the driver's failures.
    public func once<Answer>(organizationID: String, userID: String, key: String, fingerprint: String,
                             act: () throws -> (answer: Answer, stored: StoredResponse?)) throws -> IdempotentOutcome<Answer> {
        try database.write { tx in
            // A retry waits here for the request still acting under its key.
            try tx.lockIdempotencyKey(organizationID: organizationID, userID: userID, key: key)
            let now = ambient.now()
            let oldest = Instant(secondsSinceEpoch: now.secondsSinceEpoch - Self.retention)
            if let stored = try tx.storedAnswer(organizationID: organizationID, userID: userID, key: key, since: oldest),
               stored.replayable || stored.fingerprint != fingerprint {
                return .replayed(stored)
            }
            let (answer, stored) = try act()
            if let stored {
                try tx.dropAnswers(before: oldest)
                try tx.saveAnswer(stored, organizationID: organizationID, userID: userID, key: key, at: now)
            }
            return .acted(answer)
        }
    }
}
