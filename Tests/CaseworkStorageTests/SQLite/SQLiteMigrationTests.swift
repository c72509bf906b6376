import Foundation
import Testing
@testable import CaseworkStorage

@Suite("SQLite migrations (MigrationRunner)")
struct SQLiteMigrationTests {
    static let m1 = Migration(version: 1, name: "init", sql: """
        CREATE TABLE cases (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
        CREATE TABLE migration_log (entry TEXT NOT NULL);
        INSERT INTO migration_log (entry) VALUES ('m1');
        """)
    static let m2 = Migration(version: 2, name: "notes", sql: """
        CREATE TABLE notes (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id), body TEXT);
        INSERT INTO migration_log (entry) VALUES ('m2');
        """)
    static let m3 = Migration(version: 3, name: "case_status", sql: """
        ALTER TABLE cases ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
        INSERT INTO migration_log (entry) VALUES ('m3');
        """)

    static func log(_ database: SQLiteDatabase) throws -> [String] {
        try database.read { try $0.query("SELECT entry FROM migration_log ORDER BY rowid").map { $0.string("entry") } }
    }

    @Test("migrations apply once, in version order, and are recorded with name and time")
    func applyOnce() throws {
        try SQLiteTestSupport.withDatabase(migrations: [Self.m2, Self.m1]) { database throws in
            #expect(try database.appliedMigrationVersions() == [1, 2])
            #expect(try Self.log(database) == ["m1", "m2"])
            let rows = try database.read { try $0.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version") }
            let names = rows.map { $0.string("name") }
            #expect(names == ["init", "notes"])
            let timesAreUTC = rows.allSatisfy { $0.string("applied_at").hasSuffix("Z") }
            #expect(timesAreUTC)
        }
    }

    @Test("reopening applies nothing; a migration added later applies alone")
    func reopenAndAddLater() throws {
        try SQLiteTestSupport.withTemporaryPath { path in
            let firstAppliedAt: [String]
            do {
                let database = try SQLiteDatabase(path: path, migrations: [Self.m1, Self.m2])
                #expect(try database.appliedMigrationVersions() == [1, 2])
                firstAppliedAt = try database.read { try $0.query("SELECT applied_at FROM schema_migrations ORDER BY version").map { $0.string("applied_at") } }
                try database.write { try $0.execute("INSERT INTO cases (title) VALUES ('kept')") }
            }
            do {
                let database = try SQLiteDatabase(path: path, migrations: [Self.m1, Self.m2])
                #expect(try database.appliedMigrationVersions() == [1, 2])
                #expect(try Self.log(database) == ["m1", "m2"], "nothing re-ran")
                let appliedAt = try database.read { try $0.query("SELECT applied_at FROM schema_migrations ORDER BY version").map { $0.string("applied_at") } }
                #expect(appliedAt == firstAppliedAt)
            }
            do {
                let database = try SQLiteDatabase(path: path, migrations: [Self.m1, Self.m2, Self.m3])
                #expect(try database.appliedMigrationVersions() == [1, 2, 3])
                #expect(try Self.log(database) == ["m1", "m2", "m3"], "only the new one ran")
                let row = try database.read { try $0.queryOne("SELECT title, status FROM cases") }
                #expect(row?.string("title") == "kept")
                #expect(row?.string("status") == "open")
            }
        }
    }

    @Test("a failing migration throws and leaves nothing of itself; earlier ones stay applied")
    func failingMigrationIsAtomic() throws {
        let broken = Migration(version: 2, name: "broken", sql: """
            CREATE TABLE partial_a (id INTEGER PRIMARY KEY);
            INSERT INTO migration_log (entry) VALUES ('broken');
            CREATE TABLE partial_b (id INTEGER PRIMARY KEY);
            INSERT INTO table_that_does_not_exist VALUES (1);
            """)
        try SQLiteTestSupport.withTemporaryPath { path in
            let error = #expect(throws: SQLiteError.self) {
                _ = try SQLiteDatabase(path: path, migrations: [Self.m1, broken])
            }
            #expect(error?.message.contains("migration 2 (broken)") == true)
            #expect(error?.message.contains("table_that_does_not_exist") == true)

            let database = try SQLiteDatabase(path: path, migrations: [Self.m1])
            #expect(try database.appliedMigrationVersions() == [1])
            let tables = try SQLiteTestSupport.tableNames(database)
            #expect(!tables.contains("partial_a"))
            #expect(!tables.contains("partial_b"))
            #expect(tables.contains("cases"))
            #expect(try Self.log(database) == ["m1"])
        }
    }

    @Test("duplicate versions throw before anything is applied")
    func duplicateVersions() throws {
        try SQLiteTestSupport.withTemporaryPath { path in
            let again = Migration(version: 1, name: "init_again", sql: "CREATE TABLE other (id INTEGER PRIMARY KEY);")
            let error = #expect(throws: SQLiteError.self) {
                _ = try SQLiteDatabase(path: path, migrations: [Self.m1, again])
            }
            #expect(error?.message.contains("duplicate migration version 1") == true)
            #expect(!FileManager.default.fileExists(atPath: path), "validated before the file was created")
        }
    }

    @Test("a database with a migration this build does not know is refused")
    func unknownAppliedMigration() throws {
        try SQLiteTestSupport.withTemporaryPath { path in
            _ = try SQLiteDatabase(path: path, migrations: [Self.m1, Self.m2])
            let error = #expect(throws: SQLiteError.self) {
                _ = try SQLiteDatabase(path: path, migrations: [Self.m1])
            }
            #expect(error?.message.contains("[2]") == true)
        }
    }

    @Test("a migration leaving a foreign-key violation is rolled back")
    func foreignKeyViolationInMigration() throws {
        let orphan = Migration(version: 2, name: "orphan_note", sql: """
            CREATE TABLE notes (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id));
            INSERT INTO notes (case_id) VALUES (999);
            """)
        try SQLiteTestSupport.withTemporaryPath { path in
            let error = #expect(throws: SQLiteError.self) {
                _ = try SQLiteDatabase(path: path, migrations: [Self.m1, orphan])
            }
            #expect(error?.isForeignKeyConstraint == true)
            let database = try SQLiteDatabase(path: path, migrations: [Self.m1])
            #expect(!(try SQLiteTestSupport.tableNames(database)).contains("notes"))
        }
    }

    @Test("rebuilding a parent table in a migration does not cascade-delete its children")
    func tableRebuildKeepsChildren() throws {
        let parentChild = Migration(version: 1, name: "parent_child", sql: """
            CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id) ON DELETE CASCADE);
            INSERT INTO parent (id, name) VALUES (1, 'p');
            INSERT INTO child (parent_id) VALUES (1), (1);
            """)
        let rebuild = Migration(version: 2, name: "rebuild_parent", sql: """
            CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
            INSERT INTO parent_new (id, name) SELECT id, coalesce(name, '') FROM parent;
            DROP TABLE parent;
            ALTER TABLE parent_new RENAME TO parent;
            """)
        try SQLiteTestSupport.withDatabase(migrations: [parentChild, rebuild]) { database throws in
            let children = try database.read { try $0.queryOne("SELECT count(*) AS n FROM child")?.int("n") }
            #expect(children == 2)
            let enforced = try database.write { try $0.queryOne("PRAGMA foreign_keys")?.int("foreign_keys") }
            #expect(enforced == 1, "enforcement is back on after migrating")
        }
    }

    @Test("Migration(fileName:) reads the version and name from 0001_init.sql")
    func fileNames() throws {
        let m = try Migration(fileName: "0001_init.sql", sql: "SELECT 1")
        #expect(m.version == 1)
        #expect(m.name == "init")
        #expect(try Migration(fileName: "0042_add_case_notes.sql", sql: "").version == 42)
        #expect(try Migration(fileName: "0042_add_case_notes.sql", sql: "").name == "add_case_notes")
        #expect(throws: SQLiteError.self) { try Migration(fileName: "init.sql", sql: "") }
        #expect(throws: SQLiteError.self) { try Migration(fileName: "12x_init.sql", sql: "") }
    }
}
