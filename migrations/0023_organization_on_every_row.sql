-- Rows that reached their organization through a parent (a claim's submissions and remits, a case's
-- tags, CARCs and claims, a payment's PLB and imbalance rows, a team's members) carry it themselves,
-- as on PostgreSQL (its migration 0008, which also keys every table by organization first for
-- sharding). One SQLite file stays on one machine, so its keys are left as they are: SQLite cannot
-- change a primary key without rebuilding the table and every trigger on it. The default '' only
-- serves the backfill: both databases run the same INSERT statements, and PostgreSQL's column has no
-- default, so a statement that left the organization out fails there (the end-to-end suite runs on both).
ALTER TABLE team_members ADD COLUMN organization_id TEXT NOT NULL DEFAULT '';
UPDATE team_members SET organization_id = (SELECT organization_id FROM teams WHERE id = team_members.team_id);
ALTER TABLE submissions ADD COLUMN organization_id TEXT NOT NULL DEFAULT '';
UPDATE submissions SET organization_id = (SELECT organization_id FROM claims WHERE id = submissions.claim_id);
ALTER TABLE remittances ADD COLUMN organization_id TEXT NOT NULL DEFAULT '';
UPDATE remittances SET organization_id = (SELECT organization_id FROM claims WHERE id = remittances.claim_id);
ALTER TABLE remittance_adjustments ADD COLUMN organization_id TEXT NOT NULL DEFAULT '';
UPDATE remittance_adjustments SET organization_id = (SELECT organization_id FROM remittances WHERE id = remittance_adjustments.remittance_id);
ALTER TABLE remittance_service_lines ADD COLUMN organization_id TEXT NOT NULL DEFAULT '';
UPDATE remittance_service_lines SET organization_id = (SELECT organization_id FROM remittances WHERE id = remittance_service_lines.remittance_id);
ALTER TABLE remittance_provider_adjustments ADD COLUMN organization_id TEXT NOT NULL DEFAULT '';
UPDATE remittance_provider_adjustments SET organization_id =
    (SELECT organization_id FROM remittance_payments WHERE id = remittance_provider_adjustments.payment_id);
ALTER TABLE remittance_imbalances ADD COLUMN organization_id TEXT NOT NULL DEFAULT '';
UPDATE remittance_imbalances SET organization_id = (SELECT organization_id FROM remittance_payments WHERE id = remittance_imbalances.payment_id);
ALTER TABLE case_tags ADD COLUMN organization_id TEXT NOT NULL DEFAULT '';
UPDATE case_tags SET organization_id = (SELECT organization_id FROM cases WHERE id = case_tags.case_id);
ALTER TABLE case_carc_codes ADD COLUMN organization_id TEXT NOT NULL DEFAULT '';
UPDATE case_carc_codes SET organization_id = (SELECT organization_id FROM cases WHERE id = case_carc_codes.case_id);
ALTER TABLE case_claims ADD COLUMN organization_id TEXT NOT NULL DEFAULT '';
UPDATE case_claims SET organization_id = (SELECT organization_id FROM cases WHERE id = case_claims.case_id);
