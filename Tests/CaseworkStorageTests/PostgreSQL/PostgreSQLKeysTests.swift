import CaseworkDomain
import CaseworkTestSupport
import CaseworkUseCases
import Testing
@testable import CaseworkStorage

/// Issue 10: every PostgreSQL table of an organization's data is keyed by organization first, so the
/// data can be sharded by organization, and no row can point into another organization.
@Suite(.enabled(if: TemporaryPostgreSQL.enabled, "needs Debian's postgresql (CASEWORK_REQUIRE_POSTGRES=1 makes it required)"))
struct PostgreSQLKeysTests {
    /// Tables that are not an organization's data: the organizations themselves, the shared code
    /// lists, the migration bookkeeping.
    static let shared: Set<String> = ["organizations", "code_lists", "codes", "schema_migrations"]

    @Test func everyKeyAndEveryForeignKeyStartsWithTheOrganization() throws {
        let conninfo = try TemporaryPostgreSQL.shared.get().database()
        _ = try CaseworkStore(postgreSQL: conninfo, connections: 1)
        let db = try PostgreSQLConnection(conninfo)
        let tables = try db.query("SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace", [])
            .map { $0.string("relname") }.filter { !Self.shared.contains($0) }
        #expect(tables.count >= 30, "the schema's tables were found: \(tables)")
        // The first column of every primary key and unique index (the partial index of rule 1 included).
        let leading = try db.query("""
            SELECT t.relname AS tab, i.relname AS idx, x.indisprimary AS is_primary, a.attname AS first_column
            FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
            WHERE x.indisunique AND t.relnamespace = 'public'::regnamespace
            """, [])
        let keyed = Dictionary(grouping: leading.filter { !Self.shared.contains($0.string("tab")) }, by: { $0.string("tab") })
        for table in tables {
            let indexes = keyed[table] ?? []
            #expect(indexes.contains { $0.int("is_primary") == 1 }, "\(table) has a primary key")
            for index in indexes {
                #expect(index.string("first_column") == "organization_id", "\(table): \(index.string("idx")) starts with \(index.string("first_column"))")
            }
        }
        // Foreign keys among those tables pair the organization first on both sides.
        let foreignKeys = try db.query("""
            SELECT c.conname, t.relname AS tab, f.relname AS target, a.attname AS first_column, fa.attname AS first_target_column
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
            """, [])
        let withinOrganizations = foreignKeys.filter { !Self.shared.contains($0.string("target")) }
        #expect(withinOrganizations.count >= 30, "the foreign keys between organization tables were found")
        for key in withinOrganizations {
            #expect(key.string("first_column") == "organization_id" && key.string("first_target_column") == "organization_id",
                    "\(key.string("tab")) → \(key.string("target")) (\(key.string("conname")))")
        }
    }

    @Test func aRowCannotPointIntoAnotherOrganization() throws {
        let store = try CaseworkStore(postgreSQL: try TemporaryPostgreSQL.shared.get().database(), connections: 1)
        let ours = try OrganizationWork(database: store).create(name: "Ours")
        let theirs = try OrganizationWork(database: store).create(name: "Theirs")
        let theirPayer = try PayerWork(database: store).add(organizationID: theirs, name: "Their payer", payerID: nil, kind: .commercial,
                                                             timelyFilingDays: nil, appealDays: nil, actorID: nil)
        let claim = Claim(id: "clm_cross", claimNumber: "X-1", payerID: theirPayer.id, patientID: nil, serviceStart: nil, serviceEnd: nil,
                          amounts: ClaimAmounts(billed: Cents(100), expected: Cents(100), costShare: .zero), denialReasons: [])
        #expect(throws: PostgreSQLError.self) {
            try store.write { tx in try tx.insertClaim(claim, organizationID: ours, lastRemittedOn: nil, at: Instant("2026-12-01T00:00:00Z")!) }
        }
        // The same claim in the payer's own organization is stored.
        try store.write { tx in try tx.insertClaim(claim, organizationID: theirs, lastRemittedOn: nil, at: Instant("2026-12-01T00:00:00Z")!) }
        #expect(try store.claims.get(organizationID: theirs, id: "clm_cross")?.claim.payerID == theirPayer.id)
    }
}
