-- The organization's data version moves once per writing transaction (migration 0007), no longer once
-- per changed row. Updating one row many times in one transaction leaves a chain of row versions
-- nobody may yet prune, and each update walks it: a bulk load or a large 835 file grew quadratic.
-- Readers never see a transaction's rows before its commit, so one move, taken with the row lock on
-- `organizations` at the first change, guards them all. The transaction-local setting
-- `casework.data_version_moved` remembers the organization moved; a rolled-back savepoint undoes it
-- together with the move.
CREATE FUNCTION move_data_version(organization_key text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF organization_key IS NOT NULL AND current_setting('casework.data_version_moved', true) IS DISTINCT FROM organization_key THEN
        UPDATE organizations SET data_version = data_version + 1 WHERE id = organization_key;
        PERFORM set_config('casework.data_version_moved', organization_key, true);
    END IF;
END
$$;

-- The row's organization, directly or through its case or team (OLD for a DELETE, else NEW).
CREATE OR REPLACE FUNCTION moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM move_data_version(CASE TG_OP WHEN 'DELETE' THEN OLD.organization_id ELSE NEW.organization_id END);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION moves_data_version_through_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM move_data_version((SELECT organization_id FROM cases WHERE id = CASE TG_OP WHEN 'DELETE' THEN OLD.case_id ELSE NEW.case_id END));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION moves_data_version_through_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM move_data_version((SELECT organization_id FROM teams WHERE id = CASE TG_OP WHEN 'DELETE' THEN OLD.team_id ELSE NEW.team_id END));
    RETURN NULL;
END
$$;
