/// The PostgreSQL migration set, `migrations/postgresql/`, embedded in the binary like the SQLite one.
///
/// Adding a file to `migrations/postgresql/` means adding a line here; a test checks the two agree. File
/// names differ from those of `migrations/` (SwiftPM names embedded resources by file name alone).
enum PostgreSQLMigrationCatalog {
    /// Every migration in version order.
    static var all: [Migration] {
        [
            MigrationCatalog.migration("0001_tables.sql", PackageResources._001_tables_sql),
            MigrationCatalog.migration("0002_indexes_and_views.sql", PackageResources._002_indexes_and_views_sql),
            MigrationCatalog.migration("0003_organization_data_version.sql", PackageResources._003_organization_data_version_sql),
            MigrationCatalog.migration("0004_claim_and_case_figures.sql", PackageResources._004_claim_and_case_figures_sql),
            MigrationCatalog.migration("0005_case_rollups.sql", PackageResources._005_case_rollups_sql),
            MigrationCatalog.migration("0006_claim_aging_rollups.sql", PackageResources._006_claim_aging_rollups_sql),
            MigrationCatalog.migration("0007_data_version_once_per_transaction.sql", PackageResources._007_data_version_once_per_transaction_sql),
            MigrationCatalog.migration("0008_keyed_by_organization.sql", PackageResources._008_keyed_by_organization_sql),
            MigrationCatalog.migration("0009_activity_counts.sql", PackageResources._009_activity_counts_sql),
            MigrationCatalog.migration("0010_patients_by_name_and_member_id.sql", PackageResources._010_patients_by_name_and_member_id_sql),
        ]
    }
}
