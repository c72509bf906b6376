/// The numbered SQL migrations of the top-level `migrations/` folder, embedded in the binary
/// (SwiftPM `embedInCode`) so the server runs from any directory.
///
/// Adding a file to `migrations/` means adding a line here; a test checks the two agree.
public enum MigrationCatalog {
    /// Every migration in version order.
    public static var all: [Migration] {
        [
            migration("0001_init.sql", PackageResources._001_init_sql),
            migration("0002_timeline.sql", PackageResources._002_timeline_sql),
            migration("0003_data_version.sql", PackageResources._003_data_version_sql),
            migration("0004_idempotency.sql", PackageResources._004_idempotency_sql),
            migration("0005_remittances.sql", PackageResources._005_remittances_sql),
            migration("0006_claim_deadlines.sql", PackageResources._006_claim_deadlines_sql),
            migration("0007_activity_times.sql", PackageResources._007_activity_times_sql),
            migration("0008_code_lists.sql", PackageResources._008_code_lists_sql),
            migration("0009_case_claims_follow_case_status.sql", PackageResources._009_case_claims_follow_case_status_sql),
            migration("0010_idempotency_replayable.sql", PackageResources._010_idempotency_replayable_sql),
            migration("0011_deadline_triggers_skip_payers_without_days.sql",
                      PackageResources._011_deadline_triggers_skip_payers_without_days_sql),
            migration("0012_case_totals.sql", PackageResources._012_case_totals_sql),
            migration("0013_claim_first_submitted_on.sql", PackageResources._013_claim_first_submitted_on_sql),
            migration("0014_case_rollups.sql", PackageResources._014_case_rollups_sql),
            migration("0015_claim_aging_rollup.sql", PackageResources._015_claim_aging_rollup_sql),
            migration("0016_one_covering_index_of_claim_figures.sql", PackageResources._016_one_covering_index_of_claim_figures_sql),
            migration("0017_cases_by_created_covers_tier1.sql", PackageResources._017_cases_by_created_covers_tier1_sql),
            migration("0018_claim_aging_rollups_by_owner_and_carc.sql",
                      PackageResources._018_claim_aging_rollups_by_owner_and_carc_sql),
            migration("0019_tier1_personal_lists_by_index.sql", PackageResources._019_tier1_personal_lists_by_index_sql),
            migration("0020_case_created_rollup.sql", PackageResources._020_case_created_rollup_sql),
            migration("0021_tier1_lists_in_their_order.sql", PackageResources._021_tier1_lists_in_their_order_sql),
            migration("0022_case_appeal_rollup.sql", PackageResources._022_case_appeal_rollup_sql),
            migration("0023_organization_on_every_row.sql", PackageResources._023_organization_on_every_row_sql),
            migration("0024_activity_counts.sql", PackageResources._024_activity_counts_sql),
            migration("0025_patients_by_name_and_member_id.sql", PackageResources._025_patients_by_name_and_member_id_sql),
        ]
    }

    /// Version from the file name's leading digits (`0001_init.sql` → 1).
    static func migration(_ fileName: String, _ bytes: [UInt8]) -> Migration {
        let digits = fileName.prefix { $0.isNumber }
        return Migration(version: Int(digits) ?? 0, name: fileName, sql: String(decoding: bytes, as: UTF8.self))
    }
}
