-- The organization's data version (migration 0003): every change to what its views and dashboards
-- show moves it, in the writing transaction. One function per way of finding the organization.
CREATE FUNCTION moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
    ELSE
        UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION moves_data_version_through_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE organizations SET data_version = data_version + 1 WHERE id = (SELECT organization_id FROM cases WHERE id = OLD.case_id);
    ELSE
        UPDATE organizations SET data_version = data_version + 1 WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION moves_data_version_through_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE organizations SET data_version = data_version + 1 WHERE id = (SELECT organization_id FROM teams WHERE id = OLD.team_id);
    ELSE
        UPDATE organizations SET data_version = data_version + 1 WHERE id = (SELECT organization_id FROM teams WHERE id = NEW.team_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER cases_insert_moves_data_version AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER cases_update_moves_data_version AFTER UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER cases_delete_moves_data_version AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER activities_insert_moves_data_version AFTER INSERT ON activities FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER activities_update_moves_data_version AFTER UPDATE ON activities FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER activities_delete_moves_data_version AFTER DELETE ON activities FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER claims_insert_moves_data_version AFTER INSERT ON claims FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER claims_update_moves_data_version AFTER UPDATE ON claims FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER claims_delete_moves_data_version AFTER DELETE ON claims FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER payers_insert_moves_data_version AFTER INSERT ON payers FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER payers_update_moves_data_version AFTER UPDATE ON payers FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER payers_delete_moves_data_version AFTER DELETE ON payers FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER patients_insert_moves_data_version AFTER INSERT ON patients FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER patients_update_moves_data_version AFTER UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER patients_delete_moves_data_version AFTER DELETE ON patients FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER users_insert_moves_data_version AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER users_update_moves_data_version AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER users_delete_moves_data_version AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER teams_insert_moves_data_version AFTER INSERT ON teams FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER teams_update_moves_data_version AFTER UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER teams_delete_moves_data_version AFTER DELETE ON teams FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER subjects_insert_moves_data_version AFTER INSERT ON subjects FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER subjects_update_moves_data_version AFTER UPDATE ON subjects FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER subjects_delete_moves_data_version AFTER DELETE ON subjects FOR EACH ROW EXECUTE FUNCTION moves_data_version();
CREATE TRIGGER case_claims_insert_moves_data_version AFTER INSERT ON case_claims FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_case();
CREATE TRIGGER case_claims_update_moves_data_version AFTER UPDATE ON case_claims FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_case();
CREATE TRIGGER case_claims_delete_moves_data_version AFTER DELETE ON case_claims FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_case();
CREATE TRIGGER case_tags_insert_moves_data_version AFTER INSERT ON case_tags FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_case();
CREATE TRIGGER case_tags_update_moves_data_version AFTER UPDATE ON case_tags FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_case();
CREATE TRIGGER case_tags_delete_moves_data_version AFTER DELETE ON case_tags FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_case();
CREATE TRIGGER case_carc_codes_insert_moves_data_version AFTER INSERT ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_case();
CREATE TRIGGER case_carc_codes_update_moves_data_version AFTER UPDATE ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_case();
CREATE TRIGGER case_carc_codes_delete_moves_data_version AFTER DELETE ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_case();
CREATE TRIGGER team_members_insert_moves_data_version AFTER INSERT ON team_members FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_team();
CREATE TRIGGER team_members_delete_moves_data_version AFTER DELETE ON team_members FOR EACH ROW EXECUTE FUNCTION moves_data_version_through_team();
