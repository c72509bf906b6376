import Foundation
import Testing
@testable import CaseworkStorage

/// The migration sets as the binary embeds them.
@Suite struct EmbeddedMigrationTests {
    /// `migrations/` holds SQLite's set, `migrations/postgresql/` PostgreSQL's.
    @Test(arguments: ["", "postgresql"])
    func everyMigrationFileIsEmbedded(_ subfolder: String) throws {
        let catalog = subfolder.isEmpty ? MigrationCatalog.all : PostgreSQLMigrationCatalog.all
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("migrations")
            .appendingPathComponent(subfolder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(!files.isEmpty)
        #expect(catalog.map(\.name) == files)
        for migration in catalog {
            let text = try String(contentsOf: folder.appendingPathComponent(migration.name), encoding: .utf8)
            #expect(migration.sql == text)
        }
        #expect(catalog.map(\.version) == Array(1...catalog.count))
    }
}
