-- The case rollups the dashboards read (SQLite migrations 0014, 0020, 0022): cases and outstanding by
-- status, stage, subject, payer and owner (and CARC), cases by creation day, active cases by appeal day.
-- Deltas are grouped before each upsert: PostgreSQL applies one INSERT ... ON CONFLICT to a key once.

CREATE FUNCTION cases_insert_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_rollup
        VALUES (NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
                COALESCE(NEW.owner_id, ''), 1, NEW.total_outstanding_cents)
        ON CONFLICT (organization_id, status, stage, subject, payer_id, owner_type, owner_id)
        DO UPDATE SET cases = case_rollup.cases + 1, outstanding_cents = case_rollup.outstanding_cents + excluded.outstanding_cents;
        INSERT INTO case_carc_rollup
        SELECT organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, SUM(cases), SUM(outstanding_cents)
        FROM (SELECT NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
               COALESCE(NEW.owner_id, ''), code, 1, NEW.total_outstanding_cents
        FROM (SELECT code FROM case_carc_codes WHERE case_id = NEW.id
              UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = NEW.id)) AS k WHERE true) AS each_row (organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, cases, outstanding_cents)
        GROUP BY organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id
        ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
        DO UPDATE SET cases = case_carc_rollup.cases + 1, outstanding_cents = case_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_insert_rolls_up AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_insert_rolls_up();

CREATE FUNCTION cases_update_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.subject IS DISTINCT FROM NEW.subject OR OLD.payer_id IS DISTINCT FROM NEW.payer_id OR OLD.owner_type IS DISTINCT FROM NEW.owner_type OR OLD.owner_id IS DISTINCT FROM NEW.owner_id THEN
        UPDATE case_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
            WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
              AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '');
            INSERT INTO case_rollup
            VALUES (NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
                    COALESCE(NEW.owner_id, ''), 1, NEW.total_outstanding_cents)
            ON CONFLICT (organization_id, status, stage, subject, payer_id, owner_type, owner_id)
            DO UPDATE SET cases = case_rollup.cases + 1, outstanding_cents = case_rollup.outstanding_cents + excluded.outstanding_cents;
            UPDATE case_carc_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
            WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
              AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '')
              AND carc IN (SELECT code FROM case_carc_codes WHERE case_id = OLD.id
                           UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.id));
            INSERT INTO case_carc_rollup
            SELECT organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, SUM(cases), SUM(outstanding_cents)
            FROM (SELECT NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
                   COALESCE(NEW.owner_id, ''), code, 1, NEW.total_outstanding_cents
            FROM (SELECT code FROM case_carc_codes WHERE case_id = NEW.id
                  UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = NEW.id)) AS k WHERE true) AS each_row (organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, cases, outstanding_cents)
            GROUP BY organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id
            ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
            DO UPDATE SET cases = case_carc_rollup.cases + 1, outstanding_cents = case_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_rolls_up AFTER UPDATE OF organization_id, status, stage, subject, payer_id, owner_type, owner_id, total_outstanding_cents ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_rolls_up();

CREATE FUNCTION cases_outstanding_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.total_outstanding_cents IS DISTINCT FROM NEW.total_outstanding_cents AND OLD.organization_id IS NOT DISTINCT FROM NEW.organization_id AND OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.stage IS NOT DISTINCT FROM NEW.stage AND OLD.subject IS NOT DISTINCT FROM NEW.subject AND OLD.payer_id IS NOT DISTINCT FROM NEW.payer_id AND OLD.owner_type IS NOT DISTINCT FROM NEW.owner_type AND OLD.owner_id IS NOT DISTINCT FROM NEW.owner_id THEN
        UPDATE case_rollup SET outstanding_cents = outstanding_cents + NEW.total_outstanding_cents - OLD.total_outstanding_cents
            WHERE organization_id = NEW.organization_id AND status = NEW.status AND stage = NEW.stage AND subject = NEW.subject
              AND payer_id = NEW.payer_id AND owner_type = COALESCE(NEW.owner_type, '') AND owner_id = COALESCE(NEW.owner_id, '');
            UPDATE case_carc_rollup SET outstanding_cents = outstanding_cents + NEW.total_outstanding_cents - OLD.total_outstanding_cents
            WHERE organization_id = NEW.organization_id AND status = NEW.status AND stage = NEW.stage AND subject = NEW.subject
              AND payer_id = NEW.payer_id AND owner_type = COALESCE(NEW.owner_type, '') AND owner_id = COALESCE(NEW.owner_id, '')
              AND carc IN (SELECT code FROM case_carc_codes WHERE case_id = NEW.id
                           UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = NEW.id));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_outstanding_rolls_up AFTER UPDATE OF total_outstanding_cents ON cases FOR EACH ROW EXECUTE FUNCTION cases_outstanding_rolls_up();

CREATE FUNCTION cases_delete_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
        WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
          AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '');
        UPDATE case_carc_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
        WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
          AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '')
          AND carc IN (SELECT code FROM case_carc_codes WHERE case_id = OLD.id
                       UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.id));
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_delete_rolls_up AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION cases_delete_rolls_up();

CREATE FUNCTION case_carc_codes_insert_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_carc_rollup SET cases = cases - 1,
               outstanding_cents = outstanding_cents - (SELECT total_outstanding_cents FROM cases WHERE id = NEW.case_id)
        WHERE (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id) =
              (SELECT organization_id, '', status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, '')
               FROM cases WHERE id = NEW.case_id)
          AND (SELECT COUNT(*) FROM case_carc_codes WHERE case_id = NEW.case_id) = 1;
        INSERT INTO case_carc_rollup
        SELECT organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, SUM(cases), SUM(outstanding_cents)
        FROM (SELECT organization_id, status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, ''), NEW.code, 1,
               total_outstanding_cents
        FROM cases WHERE id = NEW.case_id) AS each_row (organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, cases, outstanding_cents)
        GROUP BY organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id
        ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
        DO UPDATE SET cases = case_carc_rollup.cases + 1, outstanding_cents = case_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_insert_rolls_up AFTER INSERT ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_insert_rolls_up();

CREATE FUNCTION case_carc_codes_delete_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_carc_rollup SET cases = cases - 1,
               outstanding_cents = outstanding_cents - (SELECT total_outstanding_cents FROM cases WHERE id = OLD.case_id)
        WHERE (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id) =
              (SELECT organization_id, OLD.code, status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, '')
               FROM cases WHERE id = OLD.case_id);
        INSERT INTO case_carc_rollup
        SELECT organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, SUM(cases), SUM(outstanding_cents)
        FROM (SELECT organization_id, status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, ''), '', 1,
               total_outstanding_cents
        FROM cases WHERE id = OLD.case_id AND NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.case_id)) AS each_row (organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, cases, outstanding_cents)
        GROUP BY organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id
        ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
        DO UPDATE SET cases = case_carc_rollup.cases + 1, outstanding_cents = case_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_delete_rolls_up AFTER DELETE ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_delete_rolls_up();

CREATE FUNCTION case_carc_codes_update_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.code IS DISTINCT FROM NEW.code OR OLD.case_id IS DISTINCT FROM NEW.case_id THEN
        RAISE EXCEPTION 'a case''s CARC rows are replaced (deleted and inserted), never updated in place';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_update_rolls_up AFTER UPDATE OF code, case_id ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_update_rolls_up();

CREATE FUNCTION cases_insert_counts_created_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_created_rollup
        VALUES (NEW.organization_id, substr(NEW.created_at, 1, 10), NEW.status, NEW.priority, NEW.payer_id, 1)
        ON CONFLICT (organization_id, created_day, status, priority, payer_id) DO UPDATE SET cases = case_created_rollup.cases + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_insert_counts_created_day AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_insert_counts_created_day();

CREATE FUNCTION cases_update_counts_created_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.payer_id IS DISTINCT FROM NEW.payer_id THEN
        UPDATE case_created_rollup SET cases = cases - 1
            WHERE organization_id = OLD.organization_id AND created_day = substr(OLD.created_at, 1, 10) AND status = OLD.status
              AND priority = OLD.priority AND payer_id = OLD.payer_id;
            INSERT INTO case_created_rollup
            VALUES (NEW.organization_id, substr(NEW.created_at, 1, 10), NEW.status, NEW.priority, NEW.payer_id, 1)
            ON CONFLICT (organization_id, created_day, status, priority, payer_id) DO UPDATE SET cases = case_created_rollup.cases + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_counts_created_day AFTER UPDATE OF organization_id, created_at, status, priority, payer_id ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_counts_created_day();

CREATE FUNCTION cases_delete_counts_created_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_created_rollup SET cases = cases - 1
        WHERE organization_id = OLD.organization_id AND created_day = substr(OLD.created_at, 1, 10) AND status = OLD.status
          AND priority = OLD.priority AND payer_id = OLD.payer_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_delete_counts_created_day AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION cases_delete_counts_created_day();

CREATE FUNCTION cases_insert_counts_appeal_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'active' AND NEW.appeal_deadline IS NOT NULL THEN
        INSERT INTO case_appeal_rollup VALUES (NEW.organization_id, NEW.appeal_deadline, 1)
            ON CONFLICT (organization_id, appeal_deadline) DO UPDATE SET cases = case_appeal_rollup.cases + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_insert_counts_appeal_day AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_insert_counts_appeal_day();

CREATE FUNCTION cases_update_counts_appeal_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.status = 'active' AND OLD.appeal_deadline IS NOT NULL) OR (NEW.status = 'active' AND NEW.appeal_deadline IS NOT NULL) THEN
        UPDATE case_appeal_rollup SET cases = cases - 1
            WHERE OLD.status = 'active' AND organization_id = OLD.organization_id AND appeal_deadline = OLD.appeal_deadline;
            INSERT INTO case_appeal_rollup
            SELECT organization_id, appeal_deadline, SUM(cases)
            FROM (SELECT NEW.organization_id, NEW.appeal_deadline, 1 WHERE NEW.status = 'active' AND NEW.appeal_deadline IS NOT NULL) AS each_row (organization_id, appeal_deadline, cases)
            GROUP BY organization_id, appeal_deadline
            ON CONFLICT (organization_id, appeal_deadline) DO UPDATE SET cases = case_appeal_rollup.cases + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_counts_appeal_day AFTER UPDATE OF organization_id, status, appeal_deadline ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_counts_appeal_day();

CREATE FUNCTION cases_delete_counts_appeal_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'active' AND OLD.appeal_deadline IS NOT NULL THEN
        UPDATE case_appeal_rollup SET cases = cases - 1
            WHERE organization_id = OLD.organization_id AND appeal_deadline = OLD.appeal_deadline;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_delete_counts_appeal_day AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION cases_delete_counts_appeal_day();
