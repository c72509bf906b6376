/// A database that runs use cases in transactions, the way GRDB's `DatabaseWriter` does: a body
/// gets a transaction value, does its reads and writes through it, and returns.
///
/// Drivers (SQLite, PostgreSQL) conform in the storage targets; nothing here names one.
public protocol Transactions: Sendable {
    /// Runs `body` in one read transaction: every read sees one snapshot of the database.
    /// - Throws: what `body` throws, or the driver's failure (`DriverFailure`).
    func read<T>(_ body: (any ReadTransaction) throws -> T) throws -> T

    /// Runs `body` in one write transaction: everything it wrote commits together when it returns,
    /// nothing when it throws. Inside another `write` body on the same thread it joins that transaction.
    /// - Throws: what `body` throws, or the driver's failure (`DriverFailure`).
    func write<T>(_ body: (any WriteTransaction) throws -> T) throws -> T

    /// Refreshes the query planner's statistics (after a bulk load changed the shape of the data).
    /// - Throws: the driver's failure (`DriverFailure`).
    func refreshStatistics() throws
}

/// What a use case may read inside a transaction.
public protocol ReadTransaction: CaseReads, ClaimReads, DirectoryReads, TimelineReads {}

/// What a use case may read and write inside a write transaction.
public protocol WriteTransaction: ReadTransaction, CaseWrites, ClaimWrites, DirectoryWrites, OrganizationWrites, TimelineWrites,
                                  RemittanceWrites, RuleWrites, TokenWrites, IdempotencyWrites, AuditWrites {
    /// Tells the driver that the rest of this transaction adds many rows (an import, a large file), so
    /// that it plans statements for tables that grow as it goes.
    func expectManyRows() throws
}
