-- Casework schema, version 14: Case Insights reads rollups kept by the database instead of scanning
-- every case (issue 13 item 1). Per organization, cases are counted and their stored outstanding
-- (migration 0012) summed by the dimensions Case Insights groups and filters on:
--
-- - case_rollup: by status, stage, subject, payer and owner ('' for no owner);
-- - case_carc_rollup: the same split by each of the case's CARCs ('' for a case without one), for
--   the CARC filter and the CARC drill-down (a case with two CARCs is in two rows, as the drill-down
--   shows it).
--
-- Their size follows the number of such groups, not of cases. A group whose cases all moved away
-- keeps a row with zero cases; readers ignore it. The creation day is not a dimension (it would make
-- the groups as many as the cases): Case Insights filtered by creation dates reads the cases.
-- Triggers change the rollups in the statement that changes a case (insert, any of those columns,
-- its stored outstanding) or its CARCs; `casework check-aggregates` compares them with a full
-- recomputation.

CREATE TABLE case_rollup (
    organization_id   TEXT NOT NULL,
    status            TEXT NOT NULL,
    stage             TEXT NOT NULL,
    subject           TEXT NOT NULL,
    payer_id          TEXT NOT NULL,
    owner_type        TEXT NOT NULL,
    owner_id          TEXT NOT NULL,
    cases             INTEGER NOT NULL,
    outstanding_cents INTEGER NOT NULL,
    PRIMARY KEY (organization_id, status, stage, subject, payer_id, owner_type, owner_id)
) WITHOUT ROWID;

CREATE TABLE case_carc_rollup (
    organization_id   TEXT NOT NULL,
    status            TEXT NOT NULL,
    stage             TEXT NOT NULL,
    subject           TEXT NOT NULL,
    payer_id          TEXT NOT NULL,
    owner_type        TEXT NOT NULL,
    owner_id          TEXT NOT NULL,
    carc              TEXT NOT NULL,
    cases             INTEGER NOT NULL,
    outstanding_cents INTEGER NOT NULL,
    PRIMARY KEY (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
) WITHOUT ROWID;

INSERT INTO case_rollup
SELECT organization_id, status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, ''),
       COUNT(*), SUM(total_outstanding_cents)
FROM cases GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO case_carc_rollup
SELECT c.organization_id, c.status, c.stage, c.subject, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''),
       COALESCE(k.code, ''), COUNT(*), SUM(c.total_outstanding_cents)
FROM cases c LEFT JOIN case_carc_codes k ON k.case_id = c.id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

CREATE TRIGGER cases_insert_rolls_up AFTER INSERT ON cases BEGIN
    INSERT INTO case_rollup
    VALUES (NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
            COALESCE(NEW.owner_id, ''), 1, NEW.total_outstanding_cents)
    ON CONFLICT (organization_id, status, stage, subject, payer_id, owner_type, owner_id)
    DO UPDATE SET cases = cases + 1, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
    INSERT INTO case_carc_rollup
    SELECT NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
           COALESCE(NEW.owner_id, ''), code, 1, NEW.total_outstanding_cents
    FROM (SELECT code FROM case_carc_codes WHERE case_id = NEW.id
          UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = NEW.id)) WHERE true
    ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
    DO UPDATE SET cases = cases + 1, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

-- A case that moves to another group (or another organization) leaves its old group and joins the new one.
CREATE TRIGGER cases_update_rolls_up
AFTER UPDATE OF organization_id, status, stage, subject, payer_id, owner_type, owner_id, total_outstanding_cents ON cases
WHEN OLD.organization_id IS NOT NEW.organization_id OR OLD.status IS NOT NEW.status OR OLD.stage IS NOT NEW.stage
     OR OLD.subject IS NOT NEW.subject OR OLD.payer_id IS NOT NEW.payer_id OR OLD.owner_type IS NOT NEW.owner_type
     OR OLD.owner_id IS NOT NEW.owner_id
BEGIN
    UPDATE case_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
    WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
      AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '');
    INSERT INTO case_rollup
    VALUES (NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
            COALESCE(NEW.owner_id, ''), 1, NEW.total_outstanding_cents)
    ON CONFLICT (organization_id, status, stage, subject, payer_id, owner_type, owner_id)
    DO UPDATE SET cases = cases + 1, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
    UPDATE case_carc_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
    WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
      AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '')
      AND carc IN (SELECT code FROM case_carc_codes WHERE case_id = OLD.id
                   UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.id));
    INSERT INTO case_carc_rollup
    SELECT NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
           COALESCE(NEW.owner_id, ''), code, 1, NEW.total_outstanding_cents
    FROM (SELECT code FROM case_carc_codes WHERE case_id = NEW.id
          UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = NEW.id)) WHERE true
    ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
    DO UPDATE SET cases = cases + 1, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

-- A case that stays in its group while its outstanding changes (its claims were paid, linked or
-- unlinked): only the sums move, in place.
CREATE TRIGGER cases_outstanding_rolls_up AFTER UPDATE OF total_outstanding_cents ON cases
WHEN OLD.total_outstanding_cents IS NOT NEW.total_outstanding_cents
     AND OLD.organization_id IS NEW.organization_id AND OLD.status IS NEW.status AND OLD.stage IS NEW.stage
     AND OLD.subject IS NEW.subject AND OLD.payer_id IS NEW.payer_id AND OLD.owner_type IS NEW.owner_type
     AND OLD.owner_id IS NEW.owner_id
BEGIN
    UPDATE case_rollup SET outstanding_cents = outstanding_cents + NEW.total_outstanding_cents - OLD.total_outstanding_cents
    WHERE organization_id = NEW.organization_id AND status = NEW.status AND stage = NEW.stage AND subject = NEW.subject
      AND payer_id = NEW.payer_id AND owner_type = COALESCE(NEW.owner_type, '') AND owner_id = COALESCE(NEW.owner_id, '');
    UPDATE case_carc_rollup SET outstanding_cents = outstanding_cents + NEW.total_outstanding_cents - OLD.total_outstanding_cents
    WHERE organization_id = NEW.organization_id AND status = NEW.status AND stage = NEW.stage AND subject = NEW.subject
      AND payer_id = NEW.payer_id AND owner_type = COALESCE(NEW.owner_type, '') AND owner_id = COALESCE(NEW.owner_id, '')
      AND carc IN (SELECT code FROM case_carc_codes WHERE case_id = NEW.id
                   UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = NEW.id));
END;

CREATE TRIGGER cases_delete_rolls_up AFTER DELETE ON cases BEGIN
    UPDATE case_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
    WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
      AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '');
    UPDATE case_carc_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
    WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
      AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '')
      AND carc IN (SELECT code FROM case_carc_codes WHERE case_id = OLD.id
                   UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.id));
END;

-- A case's first CARC takes it out of the '' row; its last one put back there.
CREATE TRIGGER case_carc_codes_insert_rolls_up AFTER INSERT ON case_carc_codes BEGIN
    UPDATE case_carc_rollup SET cases = cases - 1,
           outstanding_cents = outstanding_cents - (SELECT total_outstanding_cents FROM cases WHERE id = NEW.case_id)
    WHERE (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id) =
          (SELECT organization_id, '', status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, '')
           FROM cases WHERE id = NEW.case_id)
      AND (SELECT COUNT(*) FROM case_carc_codes WHERE case_id = NEW.case_id) = 1;
    INSERT INTO case_carc_rollup
    SELECT organization_id, status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, ''), NEW.code, 1,
           total_outstanding_cents
    FROM cases WHERE id = NEW.case_id
    ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
    DO UPDATE SET cases = cases + 1, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

CREATE TRIGGER case_carc_codes_delete_rolls_up AFTER DELETE ON case_carc_codes BEGIN
    UPDATE case_carc_rollup SET cases = cases - 1,
           outstanding_cents = outstanding_cents - (SELECT total_outstanding_cents FROM cases WHERE id = OLD.case_id)
    WHERE (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id) =
          (SELECT organization_id, OLD.code, status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, '')
           FROM cases WHERE id = OLD.case_id);
    INSERT INTO case_carc_rollup
    SELECT organization_id, status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, ''), '', 1,
           total_outstanding_cents
    FROM cases WHERE id = OLD.case_id AND NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.case_id)
    ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
    DO UPDATE SET cases = cases + 1, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

CREATE TRIGGER case_carc_codes_update_rolls_up AFTER UPDATE OF code, case_id ON case_carc_codes
WHEN OLD.code IS NOT NEW.code OR OLD.case_id IS NOT NEW.case_id
BEGIN
    SELECT RAISE(ABORT, 'a case''s CARC rows are replaced (deleted and inserted), never updated in place');
END;
