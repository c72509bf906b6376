import CaseworkDomain

/// The stored answers of requests sent with an `Idempotency-Key`.
public protocol IdempotencyWrites {
    /// Waits for, then holds until the transaction ends, the lock of one (organization, user, key):
    /// requests with the same key, on any server of the database, take turns.
    func lockIdempotencyKey(organizationID: String, userID: String, key: String) throws
    /// The answer stored under the key at or after `since`, or nil.
    func storedAnswer(organizationID: String, userID: String, key: String, since: Instant) throws -> StoredResponse?
    /// Stores the answer under the key, replacing one stored before, stamped `at`.
    func saveAnswer(_ answer: StoredResponse, organizationID: String, userID: String, key: String, at: Instant) throws
    /// Deletes every stored answer older than `before`.
    func dropAnswers(before: Instant) throws
}
