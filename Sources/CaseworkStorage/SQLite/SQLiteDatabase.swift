import CSQLite

/// The database file: one writer connection plus a pool of read-only reader connections, in WAL mode.
///
/// **Concurrency.** `Sendable` (checked): it holds only immutable values and two `ConnectionPool`s,
/// which are `@unchecked Sendable` because they guard their state with a lock and give each
/// connection to one thread at a time. Writes are serialized on the single writer connection;
/// in WAL mode readers never block the writer nor each other, and each read sees a consistent
/// snapshot. Source: https://www.sqlite.org/wal.html
///
/// **Pragmas on every connection** (source: https://www.sqlite.org/pragma.html):
/// - `journal_mode = WAL` — readers and the writer work concurrently; a crash never corrupts.
///   (Persistent in the file; verified to be `wal` on each connection, else `init` throws.)
/// - `synchronous = FULL` — the WAL is fsynced at every commit, so a `write` that returned has
///   survived not only a process kill (which `NORMAL` also survives) but also power loss or an
///   OS crash. Under `NORMAL`, the last transactions before a power loss may roll back, i.e. a
///   case update the user was told was saved could vanish. The price is one fsync per write
///   transaction, small for human-paced casework writes; reads pay nothing.
///   Source: https://www.sqlite.org/pragma.html#pragma_synchronous
/// - `foreign_keys = ON` — SQLite leaves foreign keys unenforced unless asked, per connection.
/// - writer only: `cache_size = -16384` (16 MiB of page cache instead of 2 MiB) and
///   `temp_store = MEMORY` — a large write transaction (an 835 file of thousands of claims) kept
///   its statement journals in temporary files: 257,000 `pwrite`s and 2.7 s of 6.6 s CPU in
///   system calls for 12,519 claims, 26,000 and 0.25 s with these.
/// - readers: `cache_size = -8192` (8 MiB; SQLite's default is 2 MiB). Page caches fill as the file
///   grows and then stay at their size: `pageCacheBudgetBytes` is what they may hold. A work-list page
///   sorted by outstanding touches about 450 scattered leaf pages at 1,000,000 claims (each of 50 cases
///   with its claims, patient, tags, CARCs and tasks), more than the 500 pages of 2 MiB hold once the
///   map below is exhausted: every request re-read most of them (`pread`, 0.9 ms of system time per
///   request against 0.45 ms with 8 MiB; `bench/bench_views.py` on the 1M database).
/// - readers only: `mmap_size = 1 GiB` — pages of the database file are read through a memory map
///   instead of being copied into each reader's page cache. In WAL mode a connection that begins a
///   read after another connection committed drops its whole page cache (`pager_reset`), so under
///   steady writes the readers freed and re-read their caches all the time: heap churn that glibc kept
///   as free memory (anonymous memory outside SQLite grew 20% in 10 s of the soak; steady with the
///   map). Pages still in the WAL are read as before. Not on the writer, whose cache survives its own
///   commits: there the map cost 19% on a case create and 25% on a claim link (remapping after each
///   commit). Source: https://www.sqlite.org/mmap.html
/// - busy timeout 5000 ms (`sqlite3_busy_timeout`) — another *process* (e.g. the `casework`
///   CLI) holding the write lock is waited for up to 5 s before `SQLiteError.isBusy` is thrown.
final class SQLiteDatabase: SQLDatabase {
    let dialect = SQLDialect.sqlite
    /// The file path given to `init`. (Addition to the agreed API.)
    public let path: String
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>
    private let rider = WriteRiderSlot()

    /// `synchronous` level set on every connection (see the type's documentation).
    static let synchronous = "FULL"
    /// Page cache of the writer connection, KiB.
    static let writerCacheKiB = 16_384
    /// Bytes of the database file each reader may read through a memory map (`mmap_size`).
    static let mmapBytes = 1 << 30
    /// Page cache of each reader connection, KiB.
    static let readerCacheKiB = 8_192

    /// The most the page caches of this database's connections may hold, in bytes: the writer's
    /// and every reader's `cache_size`.
    public let pageCacheBudgetBytes: Int

    /// Bytes the page caches of this database's connections hold, as of the end of each one's last
    /// transaction (SQLite's process-wide memory statistics are off: see
    /// `SQLiteConnection.memoryStatisticsOff`).
    public var pageCacheBytes: Int { pageCacheFigures.total }
    private let pageCacheFigures = PageCacheFigures()

    /// Opens (creating if absent) the database file at `path`, configures the writer connection
    /// (pragmas above), applies the `migrations` not yet applied (see `MigrationRunner`: each in its
    /// own transaction, in version order, recorded in `schema_migrations(version, name, applied_at)`),
    /// then opens `readerCount` read-only connections (`SQLITE_OPEN_READONLY`).
    /// - Parameter readerCount: ≥ 1; at most that many `read` bodies run at once, others wait.
    /// - Throws: `SQLiteError` when the file cannot be opened or WAL cannot be enabled; `SQLITE_MISUSE`
    ///   for duplicate migration versions, a version below 1, `readerCount` < 1, or a database with a
    ///   migration this build does not know; the failing migration's error (nothing of that migration
    ///   is applied; earlier ones stay applied).
    public init(path: String, migrations: [Migration], readerCount: Int = 4) throws {
        guard readerCount >= 1 else { throw SQLiteError.misuse("readerCount must be at least 1, got \(readerCount)") }
        let runner = try MigrationRunner(migrations)
        self.path = path
        pageCacheBudgetBytes = (Self.writerCacheKiB + readerCount * Self.readerCacheKiB) * 1024

        let writerConnection = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        try Self.configure(writerConnection)
        try writerConnection.execute("PRAGMA cache_size = -\(Self.writerCacheKiB)")
        try writerConnection.execute("PRAGMA temp_store = MEMORY")
        try runner.run(on: writerConnection)

        var readerConnections: [SQLiteConnection] = []
        for _ in 0..<readerCount {
            let reader = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READONLY)
            try Self.configure(reader)
            try reader.execute("PRAGMA cache_size = -\(Self.readerCacheKiB)")
            _ = try reader.queryOne("PRAGMA mmap_size = \(Self.mmapBytes)")
            readerConnections.append(reader)
        }
        writer = ConnectionPool([writerConnection], name: "writer")
        readers = ConnectionPool(readerConnections, name: "readers")
    }

    /// A private in-memory database (`:memory:`) with `migrations` applied, for tests: one connection
    /// serves writes and reads (SQLite keeps no WAL in memory), so reads wait while a write runs.
    /// - Throws: `SQLiteError` when a migration fails.
    public init(inMemoryWith migrations: [Migration]) throws {
        let runner = try MigrationRunner(migrations)
        let connection = try SQLiteConnection(path: ":memory:", flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        try connection.execute("PRAGMA foreign_keys = ON")
        try runner.run(on: connection)
        path = ":memory:"
        pageCacheBudgetBytes = 0
        writer = ConnectionPool([connection], name: "writer")
        readers = writer
    }

    deinit {
        // Readers first: the last connection to close (the writer) checkpoints and removes the WAL file.
        readers.closeAll()
        writer.closeAll()
    }

    /// Runs `body` in a write transaction on the single writer connection and returns its result.
    ///
    /// Waits for the writer connection (one `write` at a time in this process), then
    /// `BEGIN IMMEDIATE` (takes SQLite's write lock at once, so the transaction cannot fail later
    /// with `SQLITE_BUSY` when upgrading from read to write), runs `body`, `COMMIT`. If `body` throws,
    /// or `COMMIT` fails, the transaction is rolled back and the error rethrown.
    /// `body` runs synchronously on the calling thread; don't let the connection escape it.
    ///
    /// A `read` inside `body` runs on this same connection and transaction (it sees the uncommitted
    /// changes). A `write` inside `body` joins the transaction as a savepoint: its changes commit
    /// (or roll back) with the outer transaction, and when it throws only its own changes are undone.
    /// This is how one action and the record of its answer (an idempotency key) commit together.
    /// The write rider, if set, writes its queued rows first in the outermost transaction.
    /// - Throws: `SQLiteError` (e.g. `isBusy` when another process kept the lock beyond the busy
    ///   timeout), or whatever `body` throws.
    /// Source: https://www.sqlite.org/lang_transaction.html, https://www.sqlite.org/lang_savepoint.html
    @discardableResult
    func write<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        if let connection = writer.connectionHeldByCurrentThread() {
            return try connection.savepoint { try body(connection) }
        }
        return try writer.withConnection { connection in
            // Defensive: a previous ROLLBACK that failed would leave a transaction open.
            connection.rollbackIfInTransaction()
            try connection.execute("BEGIN IMMEDIATE")
            let landed = rider.current?.board()
            let result: T
            do {
                result = try body(connection)
                try connection.execute("COMMIT")
            } catch {
                connection.rollbackIfInTransaction()
                landed?(false)
                throw error
            }
            landed?(true)
            pageCacheFigures.record(connection)
            return result
        }
    }

    /// Makes `rider` board every outermost write transaction from now on (see `WriteRider`); held
    /// weakly, so it ends with its owner.
    func setWriteRider(_ rider: any WriteRider) {
        self.rider.set(rider)
    }

    /// Runs `body` on a pooled read-only connection inside `BEGIN DEFERRED … COMMIT`, so that
    /// every statement of `body` sees the same snapshot: the database as of `body`'s first read,
    /// unaffected by writes committed meanwhile. Waits while all readers are busy.
    ///
    /// Re-entrant: a `read` inside a `read` body reuses that connection and snapshot; a `read` inside
    /// a `write` body uses the writer connection and sees its uncommitted changes.
    /// Writing through the reader connection fails with `SQLITE_READONLY`.
    /// - Throws: `SQLiteError`, or whatever `body` throws (the read transaction is then rolled back).
    /// Source: https://www.sqlite.org/isolation.html
    @discardableResult
    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        if let connection = writer.connectionHeldByCurrentThread() ?? readers.connectionHeldByCurrentThread() {
            return try body(connection)
        }
        return try readers.withConnection { connection in
            connection.rollbackIfInTransaction()
            try connection.execute("BEGIN DEFERRED")
            let result: T
            do {
                result = try body(connection)
                try connection.execute("COMMIT")
            } catch {
                connection.rollbackIfInTransaction()
                throw error
            }
            pageCacheFigures.record(connection)
            return result
        }
    }

    /// The versions recorded in `schema_migrations`, ascending (for tests and diagnostics).
    /// - Throws: `SQLiteError`.
    public func appliedMigrationVersions() throws -> [Int] {
        try read { connection in
            try connection.query("SELECT version FROM schema_migrations ORDER BY version").map { $0.int("version") }
        }
    }

    /// Applies the connection pragmas (see the type's documentation) and checks WAL is on.
    private static func configure(_ connection: SQLiteConnection) throws {
        let mode = try connection.queryOne("PRAGMA journal_mode = WAL")?["journal_mode"]
        guard mode == .text("wal") else {
            throw SQLiteError(code: SQLITE_ERROR,
                              message: "could not enable WAL journal mode (got \(mode.map(\.description) ?? "nothing"))",
                              sql: "PRAGMA journal_mode = WAL")
        }
        try connection.execute("PRAGMA synchronous = \(synchronous)")
        try connection.execute("PRAGMA foreign_keys = ON")
    }
}
