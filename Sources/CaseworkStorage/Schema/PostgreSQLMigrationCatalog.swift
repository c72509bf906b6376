/// The PostgreSQL migration set, `migrations/postgresql/`, embedded in the binary like the SQLite one.
///
/// Adding a file to `migrations/postgresql/` means adding a line here; a test checks the two agree.
enum PostgreSQLMigrationCatalog {
    /// Every migration in version order.
    static var all: [Migration] {
        [
            MigrationCatalog.migration("0001_schema.sql", PackageResources._001_schema_sql),
        ]
    }
}
