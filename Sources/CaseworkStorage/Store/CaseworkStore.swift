import CaseworkUseCases

/// The Casework database: an SQLite file (`migrations/`) or a PostgreSQL database (`migrations/postgresql/`), migrated when opened.
///
/// Repositories hang off it; each scopes every query by the caller's organization.
public final class CaseworkStore: Transactions {
    let database: any SQLDatabase
    /// What reads cause to be written (audit events of patient reads, tokens' last use), off the request path.
    let deferredWrites: DeferredWrites

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    /// - Throws: `SQLiteError` when the file cannot be opened or a migration fails.
    public convenience init(path: String, readerCount: Int = 4) throws {
        try self.init(database: SQLiteDatabase(path: path, migrations: MigrationCatalog.all, readerCount: readerCount))
        // Refreshes planner statistics where SQLite judges them stale (cheap when they are not).
        try database.write { db in try db.executeScript("PRAGMA optimize") }
    }

    /// A private in-memory database with every migration applied (see `SQLiteDatabase.init(inMemoryWith:)`),
    /// for tests of the use cases. Gone with the store.
    /// - Throws: `SQLiteError` when a migration fails.
    public static func inMemory() throws -> CaseworkStore {
        try CaseworkStore(database: SQLiteDatabase(inMemoryWith: MigrationCatalog.all))
    }

    /// Connects to the PostgreSQL database `conninfo` names (`postgres://…` or `host=… dbname=…`) with
    /// `connections` sessions for writes and as many for reads, and applies its pending migrations (`migrations/postgresql/`).
    /// - Throws: `PostgreSQLError` when the server cannot be reached or a migration fails.
    public convenience init(postgreSQL conninfo: String, connections: Int = 4) throws {
        try self.init(database: PostgreSQLDatabase(conninfo: conninfo, migrations: PostgreSQLMigrationCatalog.all, connections: connections))
    }

    private init(database: any SQLDatabase) throws {
        self.database = database
        deferredWrites = DeferredWrites(database: database)
        try codes.loadShippedListsIfMissing()
    }

    /// Bytes the database's page caches hold now, for the metrics (see `SQLiteDatabase.pageCacheBytes`).
    public var pageCacheBytes: Int { database.pageCacheBytes }
    /// The most the database's page caches may hold, in bytes (see `SQLiteDatabase`).
    public var pageCacheBudgetBytes: Int { database.pageCacheBudgetBytes }

    public var organizations: OrganizationRepository { OrganizationRepository(database: database) }
    public var users: UserRepository { UserRepository(database: database) }
    public var tokens: TokenRepository { TokenRepository(database: database, deferred: deferredWrites) }
    public var payers: PayerRepository { PayerRepository(database: database) }
    public var patients: PatientRepository { PatientRepository(database: database) }
    public var claims: ClaimRepository { ClaimRepository(database: database) }
    public var cases: CaseRepository { CaseRepository(database: database) }
    public var activities: ActivityRepository { ActivityRepository(database: database) }
    public var dashboards: DashboardRepository { DashboardRepository(database: database) }
    public var audit: AuditRepository { AuditRepository(database: database, deferred: deferredWrites) }
    public var remittances: RemittanceRepository { RemittanceRepository(database: database) }
    public var denialCategories: DenialCategoryRepository { DenialCategoryRepository(database: database) }
    public var rules: WorkRuleRepository { WorkRuleRepository(database: database) }
    public var codes: CodeListRepository { CodeListRepository(database: database) }
    public var aggregates: AggregateCheck { AggregateCheck(database: database) }

    /// Runs `body` with every read it makes (through any repository of this store, on this thread)
    /// in one read transaction: one snapshot of the database, as of the first read. Writes inside
    /// `body` still go to the writer and commit on their own; the snapshot does not see them.
    /// - Throws: what `body` throws, or `SQLiteError` when the transaction cannot begin or end.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try database.read { _ in try body() }
    }

    /// Runs `body` in a read transaction (see `SQLiteDatabase.read`).
    public func read<T>(_ body: (any ReadTransaction) throws -> T) throws -> T {
        try database.read { db in try body(SQLTransaction(db)) }
    }

    /// Runs `body` in a write transaction (see `SQLiteDatabase.write`: nested, it joins as a savepoint).
    public func write<T>(_ body: (any WriteTransaction) throws -> T) throws -> T {
        try database.write { db in try body(SQLTransaction(db)) }
    }

    /// Runs `ANALYZE` (both databases know it) in a write transaction of its own.
    public func refreshStatistics() throws {
        try database.write { db in try db.executeScript("ANALYZE") }
    }

    /// Writes what is still queued (see `DeferredWrites`) before the process ends; waits at most `timeout` seconds.
    public func close(timeout: Double = 10) {
        deferredWrites.drain(timeout: timeout)
    }

    /// Versions of the migrations applied to this file, ascending.
    public func appliedMigrationVersions() throws -> [Int] { try database.appliedMigrationVersions() }
}
