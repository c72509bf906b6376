-- Every table of an organization's data keyed by organization first (issue 10), so that the data can
-- later be sharded by organization (a distribution column must lead every primary key and unique
-- constraint, and foreign keys between sharded tables must carry it):
--   1. rows that reached their organization through a parent (a claim's submissions and remits, a
--      case's tags, CARCs and claims, a payment's PLB and imbalance rows, a team's members) carry it;
--   2. primary keys and unique constraints start with organization_id; lookups by id alone keep a
--      plain (non-unique) index on id;
--   3. foreign keys between those tables are (organization_id, …) → (organization_id, id), so no row
--      can point into another organization.
-- Not keyed so: `organizations` (the key itself), the code lists (`code_lists`, `codes`: reference
-- data every organization shares) and the migration bookkeeping. Triggers are off during the
-- backfill: giving a row its organization changes no figure.

-- 1. The organization on every row.
CREATE FUNCTION casework_add_organization(child regclass, parent regclass, child_key text, parent_key text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ADD COLUMN organization_id text', child);
    EXECUTE format('ALTER TABLE %s DISABLE TRIGGER USER', child);
    EXECUTE format('UPDATE %s AS c SET organization_id = p.organization_id FROM %s AS p WHERE p.%I = c.%I',
                   child, parent, parent_key, child_key);
    EXECUTE format('ALTER TABLE %s ENABLE TRIGGER USER', child);
    EXECUTE format('ALTER TABLE %s ALTER COLUMN organization_id SET NOT NULL', child);
END
$$;
SELECT casework_add_organization('team_members', 'teams', 'team_id', 'id');
SELECT casework_add_organization('submissions', 'claims', 'claim_id', 'id');
SELECT casework_add_organization('remittances', 'claims', 'claim_id', 'id');
SELECT casework_add_organization('remittance_adjustments', 'remittances', 'remittance_id', 'id');
SELECT casework_add_organization('remittance_service_lines', 'remittances', 'remittance_id', 'id');
SELECT casework_add_organization('remittance_provider_adjustments', 'remittance_payments', 'payment_id', 'id');
SELECT casework_add_organization('remittance_imbalances', 'remittance_payments', 'payment_id', 'id');
SELECT casework_add_organization('case_tags', 'cases', 'case_id', 'id');
SELECT casework_add_organization('case_carc_codes', 'cases', 'case_id', 'id');
SELECT casework_add_organization('case_claims', 'cases', 'case_id', 'id');
DROP FUNCTION casework_add_organization(regclass, regclass, text, text);

-- 2. Keys. Foreign keys between organization tables go first (they hang on the keys replaced here);
-- those to `organizations` and to the code lists stay.
DO $$
DECLARE c record;
BEGIN
    FOR c IN SELECT conrelid::regclass AS child, conname FROM pg_constraint
             WHERE contype = 'f' AND connamespace IN (SELECT oid FROM pg_namespace WHERE nspname = ANY (current_schemas(false)))
               AND confrelid NOT IN ('organizations'::regclass, 'code_lists'::regclass)
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.child, c.conname);
    END LOOP;
END
$$;

CREATE FUNCTION casework_key_by_organization(t regclass, key_columns text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE pk name;
BEGIN
    SELECT conname INTO pk FROM pg_constraint WHERE conrelid = t AND contype = 'p';
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', t, pk);
    EXECUTE format('ALTER TABLE %s ADD PRIMARY KEY (organization_id, %s)', t, key_columns);
END
$$;
SELECT casework_key_by_organization('users', 'id');
SELECT casework_key_by_organization('teams', 'id');
SELECT casework_key_by_organization('team_members', 'team_id, user_id');
SELECT casework_key_by_organization('api_tokens', 'id');
SELECT casework_key_by_organization('payers', 'id');
SELECT casework_key_by_organization('patients', 'id');
SELECT casework_key_by_organization('claims', 'id');
SELECT casework_key_by_organization('submissions', 'id');
SELECT casework_key_by_organization('remittance_payments', 'id');
SELECT casework_key_by_organization('remittances', 'id');
SELECT casework_key_by_organization('remittance_adjustments', 'remittance_id, position');
SELECT casework_key_by_organization('remittance_service_lines', 'remittance_id, line_number');
SELECT casework_key_by_organization('remittance_provider_adjustments', 'payment_id, position');
SELECT casework_key_by_organization('remittance_imbalances', 'payment_id, position');
SELECT casework_key_by_organization('cases', 'id');
SELECT casework_key_by_organization('case_tags', 'case_id, tag');
SELECT casework_key_by_organization('case_carc_codes', 'case_id, code');
SELECT casework_key_by_organization('case_claims', 'case_id, claim_id');
SELECT casework_key_by_organization('audit_events', 'id');
SELECT casework_key_by_organization('activities', 'seq');
SELECT casework_key_by_organization('work_rules', 'id');
DROP FUNCTION casework_key_by_organization(regclass, text);

-- Unique constraints that did not start with the organization.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_token_sha256_key;
ALTER TABLE api_tokens ADD UNIQUE (organization_id, token_sha256);
ALTER TABLE submissions DROP CONSTRAINT submissions_claim_id_sequence_key;
ALTER TABLE submissions ADD UNIQUE (organization_id, claim_id, sequence);
ALTER TABLE remittances DROP CONSTRAINT remittances_rowid_key;
ALTER TABLE remittances ADD UNIQUE (organization_id, rowid);
ALTER TABLE activities DROP CONSTRAINT activities_id_key;
ALTER TABLE activities ADD UNIQUE (organization_id, id);
-- Rule 1 (one active case per claim), same name: storage recognises its violation by it.
DROP INDEX one_active_case_per_claim;
CREATE UNIQUE INDEX one_active_case_per_claim ON case_claims(organization_id, claim_id) WHERE active = 1;

-- Lookups by id alone (a token's digest, a row found by the id another row holds). Ids carry 80 random
-- bits and token digests 256, so no two organizations share one; the database keys them per organization.
CREATE INDEX users_by_id ON users(id);
CREATE INDEX teams_by_id ON teams(id);
CREATE INDEX api_tokens_by_digest ON api_tokens(token_sha256);
CREATE INDEX api_tokens_by_id ON api_tokens(id);
CREATE INDEX payers_by_id ON payers(id);
CREATE INDEX patients_by_id ON patients(id);
CREATE INDEX claims_by_id ON claims(id);
CREATE INDEX submissions_by_id ON submissions(id);
CREATE INDEX submissions_by_claim ON submissions(claim_id, sequence);
CREATE INDEX remittance_payments_by_id ON remittance_payments(id);
CREATE INDEX remittances_by_id ON remittances(id);
CREATE INDEX cases_by_id ON cases(id);
CREATE INDEX case_tags_by_case ON case_tags(case_id);
CREATE INDEX case_carc_codes_by_case ON case_carc_codes(case_id, position);
CREATE INDEX case_claims_by_case ON case_claims(case_id);
CREATE INDEX activities_by_id ON activities(id);
CREATE INDEX work_rules_by_id ON work_rules(id);
CREATE INDEX remittance_adjustments_by_remit ON remittance_adjustments(remittance_id, position);
CREATE INDEX remittance_service_lines_by_remit ON remittance_service_lines(remittance_id, line_number);
CREATE INDEX remittance_provider_adjustments_by_payment ON remittance_provider_adjustments(payment_id, position);
CREATE INDEX remittance_imbalances_by_payment ON remittance_imbalances(payment_id, position);
CREATE INDEX team_members_by_team ON team_members(team_id, user_id);
CREATE INDEX audit_events_by_id ON audit_events(id);

-- 3. Foreign keys within an organization.
ALTER TABLE team_members
    ADD FOREIGN KEY (organization_id, team_id) REFERENCES teams(organization_id, id) ON DELETE CASCADE,
    ADD FOREIGN KEY (organization_id, user_id) REFERENCES users(organization_id, id);
ALTER TABLE api_tokens ADD FOREIGN KEY (organization_id, user_id) REFERENCES users(organization_id, id);
ALTER TABLE claims
    ADD FOREIGN KEY (organization_id, payer_id) REFERENCES payers(organization_id, id),
    ADD FOREIGN KEY (organization_id, patient_id) REFERENCES patients(organization_id, id);
ALTER TABLE submissions ADD FOREIGN KEY (organization_id, claim_id) REFERENCES claims(organization_id, id);
ALTER TABLE remittance_payments
    ADD FOREIGN KEY (organization_id, payer_id) REFERENCES payers(organization_id, id),
    ADD FOREIGN KEY (organization_id, posted_by) REFERENCES users(organization_id, id);
ALTER TABLE remittances
    ADD FOREIGN KEY (organization_id, claim_id) REFERENCES claims(organization_id, id),
    ADD FOREIGN KEY (organization_id, payment_id) REFERENCES remittance_payments(organization_id, id);
ALTER TABLE remittance_adjustments ADD FOREIGN KEY (organization_id, remittance_id) REFERENCES remittances(organization_id, id);
ALTER TABLE remittance_service_lines ADD FOREIGN KEY (organization_id, remittance_id) REFERENCES remittances(organization_id, id);
ALTER TABLE remittance_provider_adjustments
    ADD FOREIGN KEY (organization_id, payment_id) REFERENCES remittance_payments(organization_id, id);
ALTER TABLE remittance_imbalances ADD FOREIGN KEY (organization_id, payment_id) REFERENCES remittance_payments(organization_id, id);
ALTER TABLE cases
    ADD FOREIGN KEY (organization_id, payer_id) REFERENCES payers(organization_id, id),
    ADD FOREIGN KEY (organization_id, patient_id) REFERENCES patients(organization_id, id),
    ADD FOREIGN KEY (organization_id, created_by) REFERENCES users(organization_id, id),
    ADD FOREIGN KEY (organization_id, updated_by) REFERENCES users(organization_id, id);
ALTER TABLE case_tags ADD FOREIGN KEY (organization_id, case_id) REFERENCES cases(organization_id, id) ON DELETE CASCADE;
ALTER TABLE case_carc_codes ADD FOREIGN KEY (organization_id, case_id) REFERENCES cases(organization_id, id) ON DELETE CASCADE;
ALTER TABLE case_claims
    ADD FOREIGN KEY (organization_id, case_id) REFERENCES cases(organization_id, id),
    ADD FOREIGN KEY (organization_id, claim_id) REFERENCES claims(organization_id, id),
    ADD FOREIGN KEY (organization_id, submission_id) REFERENCES submissions(organization_id, id),
    ADD FOREIGN KEY (organization_id, linked_by) REFERENCES users(organization_id, id);
ALTER TABLE activities
    ADD FOREIGN KEY (organization_id, case_id) REFERENCES cases(organization_id, id),
    ADD FOREIGN KEY (organization_id, assignee_id) REFERENCES users(organization_id, id),
    ADD FOREIGN KEY (organization_id, created_by) REFERENCES users(organization_id, id),
    ADD FOREIGN KEY (organization_id, updated_by) REFERENCES users(organization_id, id);
ALTER TABLE idempotency_keys ADD FOREIGN KEY (organization_id, user_id) REFERENCES users(organization_id, id);
ALTER TABLE work_rules ADD FOREIGN KEY (organization_id, payer_id) REFERENCES payers(organization_id, id);
