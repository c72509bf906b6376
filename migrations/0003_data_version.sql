-- Casework schema, version 3: a per-organization data version that every change to what
-- views and dashboards show moves forward (kept by triggers, so no write path can forget it),
-- so polling clients can be answered from a cache while nothing changed; and a covering
-- index for the claim amounts that case totals and dashboards sum.

ALTER TABLE organizations ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;

CREATE INDEX claims_amounts ON claims(id, expected_cents, paid_cents, cost_share_cents, write_off_cents, cost_share_paid_cents);

CREATE TRIGGER cases_insert_moves_data_version AFTER INSERT ON cases BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER cases_update_moves_data_version AFTER UPDATE ON cases BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER cases_delete_moves_data_version AFTER DELETE ON cases BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
END;
CREATE TRIGGER activities_insert_moves_data_version AFTER INSERT ON activities BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER activities_update_moves_data_version AFTER UPDATE ON activities BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER activities_delete_moves_data_version AFTER DELETE ON activities BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
END;
CREATE TRIGGER claims_insert_moves_data_version AFTER INSERT ON claims BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER claims_update_moves_data_version AFTER UPDATE ON claims BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER claims_delete_moves_data_version AFTER DELETE ON claims BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
END;
CREATE TRIGGER payers_insert_moves_data_version AFTER INSERT ON payers BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER payers_update_moves_data_version AFTER UPDATE ON payers BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER payers_delete_moves_data_version AFTER DELETE ON payers BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
END;
CREATE TRIGGER patients_insert_moves_data_version AFTER INSERT ON patients BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER patients_update_moves_data_version AFTER UPDATE ON patients BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER patients_delete_moves_data_version AFTER DELETE ON patients BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
END;
CREATE TRIGGER users_insert_moves_data_version AFTER INSERT ON users BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER users_update_moves_data_version AFTER UPDATE ON users BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER users_delete_moves_data_version AFTER DELETE ON users BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
END;
CREATE TRIGGER teams_insert_moves_data_version AFTER INSERT ON teams BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER teams_update_moves_data_version AFTER UPDATE ON teams BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER teams_delete_moves_data_version AFTER DELETE ON teams BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
END;
CREATE TRIGGER subjects_insert_moves_data_version AFTER INSERT ON subjects BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER subjects_update_moves_data_version AFTER UPDATE ON subjects BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER subjects_delete_moves_data_version AFTER DELETE ON subjects BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
END;
CREATE TRIGGER case_claims_insert_moves_data_version AFTER INSERT ON case_claims BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
END;
CREATE TRIGGER case_claims_update_moves_data_version AFTER UPDATE ON case_claims BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
END;
CREATE TRIGGER case_claims_delete_moves_data_version AFTER DELETE ON case_claims BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM cases WHERE id = OLD.case_id);
END;
CREATE TRIGGER case_tags_insert_moves_data_version AFTER INSERT ON case_tags BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
END;
CREATE TRIGGER case_tags_update_moves_data_version AFTER UPDATE ON case_tags BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
END;
CREATE TRIGGER case_tags_delete_moves_data_version AFTER DELETE ON case_tags BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM cases WHERE id = OLD.case_id);
END;
CREATE TRIGGER case_carc_codes_insert_moves_data_version AFTER INSERT ON case_carc_codes BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
END;
CREATE TRIGGER case_carc_codes_update_moves_data_version AFTER UPDATE ON case_carc_codes BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
END;
CREATE TRIGGER case_carc_codes_delete_moves_data_version AFTER DELETE ON case_carc_codes BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM cases WHERE id = OLD.case_id);
END;
CREATE TRIGGER team_members_insert_moves_data_version AFTER INSERT ON team_members BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM teams WHERE id = NEW.team_id);
END;
CREATE TRIGGER team_members_delete_moves_data_version AFTER DELETE ON team_members BEGIN
    UPDATE organizations SET data_version = data_version + 1
    WHERE id = (SELECT organization_id FROM teams WHERE id = OLD.team_id);
END;
