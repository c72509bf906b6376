-- Casework schema, version 18: outstanding by aging bucket split (or filtered) by owner or by CARC also
-- reads rollups, built like claim_aging_rollup of version 15 with one more dimension each:
--
-- - claim_aging_owner_rollup: by case status, payer, owner ('' for none) and aging day;
-- - claim_aging_carc_rollup: by case status, payer, CARC of the case ('' for a case without one) and
--   aging day; a claim of a case with two CARCs is in two rows, as the CARC drill-down shows it.
--
-- Triggers add and subtract contributions with upserts, as in version 15: when a claim joins or leaves
-- a case, when a linked claim's money or aging dates change, when a case changes status, payer, owner
-- or organization, and (CARC rollup) when a case gains or loses a CARC.

CREATE TABLE claim_aging_owner_rollup (
    organization_id   TEXT NOT NULL,
    status            TEXT NOT NULL,
    payer_id          TEXT NOT NULL,
    owner_type        TEXT NOT NULL,
    owner_id          TEXT NOT NULL,
    start_day         TEXT NOT NULL,
    claims            INTEGER NOT NULL,
    outstanding_cents INTEGER NOT NULL,
    PRIMARY KEY (organization_id, status, payer_id, owner_type, owner_id, start_day)
) WITHOUT ROWID;

CREATE TABLE claim_aging_carc_rollup (
    organization_id   TEXT NOT NULL,
    status            TEXT NOT NULL,
    payer_id          TEXT NOT NULL,
    carc              TEXT NOT NULL,
    start_day         TEXT NOT NULL,
    claims            INTEGER NOT NULL,
    outstanding_cents INTEGER NOT NULL,
    PRIMARY KEY (organization_id, status, carc, payer_id, start_day)
) WITHOUT ROWID;

INSERT INTO claim_aging_owner_rollup
SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''),
       COALESCE(cl.first_submitted_on, cl.service_start, ''), COUNT(*),
       SUM(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
FROM case_claims l JOIN cases c ON c.id = l.case_id JOIN claims cl ON cl.id = l.claim_id
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO claim_aging_carc_rollup
SELECT c.organization_id, c.status, c.payer_id, COALESCE(k.code, ''), COALESCE(cl.first_submitted_on, cl.service_start, ''),
       COUNT(*), SUM(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
FROM case_claims l JOIN cases c ON c.id = l.case_id JOIN claims cl ON cl.id = l.claim_id
     LEFT JOIN case_carc_codes k ON k.case_id = c.id
GROUP BY 1, 2, 3, 4, 5;

-- The CARCs a case counts under: its codes, or '' when it has none.
CREATE VIEW case_carcs_or_none AS
SELECT c.id AS case_id, COALESCE(k.code, '') AS carc FROM cases c LEFT JOIN case_carc_codes k ON k.case_id = c.id;

CREATE TRIGGER case_claims_insert_ages_by_owner_and_carc AFTER INSERT ON case_claims BEGIN
    INSERT INTO claim_aging_owner_rollup
    SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''),
           COALESCE(cl.first_submitted_on, cl.service_start, ''), 1,
           cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents
    FROM cases c, claims cl WHERE c.id = NEW.case_id AND cl.id = NEW.claim_id
    ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
    INSERT INTO claim_aging_carc_rollup
    SELECT c.organization_id, c.status, c.payer_id, k.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), 1,
           cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents
    FROM cases c JOIN case_carcs_or_none k ON k.case_id = c.id, claims cl WHERE c.id = NEW.case_id AND cl.id = NEW.claim_id
    ON CONFLICT (organization_id, status, carc, payer_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

CREATE TRIGGER case_claims_delete_ages_by_owner_and_carc AFTER DELETE ON case_claims BEGIN
    INSERT INTO claim_aging_owner_rollup
    SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''),
           COALESCE(cl.first_submitted_on, cl.service_start, ''), -1,
           -(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
    FROM cases c, claims cl WHERE c.id = OLD.case_id AND cl.id = OLD.claim_id
    ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
    INSERT INTO claim_aging_carc_rollup
    SELECT c.organization_id, c.status, c.payer_id, k.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), -1,
           -(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
    FROM cases c JOIN case_carcs_or_none k ON k.case_id = c.id, claims cl WHERE c.id = OLD.case_id AND cl.id = OLD.claim_id
    ON CONFLICT (organization_id, status, carc, payer_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

CREATE TRIGGER claims_update_ages_by_owner_and_carc
AFTER UPDATE OF expected_cents, paid_cents, cost_share_cents, write_off_cents, first_submitted_on, service_start ON claims
WHEN (NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents)
         IS NOT (OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents)
     OR COALESCE(NEW.first_submitted_on, NEW.service_start, '') IS NOT COALESCE(OLD.first_submitted_on, OLD.service_start, '')
BEGIN
    INSERT INTO claim_aging_owner_rollup
    SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''), day, n, cents
    FROM case_claims l JOIN cases c ON c.id = l.case_id,
         (SELECT COALESCE(OLD.first_submitted_on, OLD.service_start, '') AS day, -1 AS n,
                 -(OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) AS cents
          UNION ALL
          SELECT COALESCE(NEW.first_submitted_on, NEW.service_start, ''), 1,
                 NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents)
    WHERE l.claim_id = NEW.id
    ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
    INSERT INTO claim_aging_carc_rollup
    SELECT c.organization_id, c.status, c.payer_id, k.carc, day, n, cents
    FROM case_claims l JOIN cases c ON c.id = l.case_id JOIN case_carcs_or_none k ON k.case_id = c.id,
         (SELECT COALESCE(OLD.first_submitted_on, OLD.service_start, '') AS day, -1 AS n,
                 -(OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) AS cents
          UNION ALL
          SELECT COALESCE(NEW.first_submitted_on, NEW.service_start, ''), 1,
                 NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents)
    WHERE l.claim_id = NEW.id
    ON CONFLICT (organization_id, status, carc, payer_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

CREATE TRIGGER cases_update_ages_by_owner_and_carc AFTER UPDATE OF organization_id, status, payer_id, owner_type, owner_id ON cases
WHEN OLD.organization_id IS NOT NEW.organization_id OR OLD.status IS NOT NEW.status OR OLD.payer_id IS NOT NEW.payer_id
     OR OLD.owner_type IS NOT NEW.owner_type OR OLD.owner_id IS NOT NEW.owner_id
BEGIN
    INSERT INTO claim_aging_owner_rollup
    SELECT side.organization_id, side.status, side.payer_id, side.owner_type, side.owner_id,
           COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
           side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
    FROM case_claims l JOIN claims cl ON cl.id = l.claim_id,
         (SELECT OLD.organization_id AS organization_id, OLD.status AS status, OLD.payer_id AS payer_id,
                 COALESCE(OLD.owner_type, '') AS owner_type, COALESCE(OLD.owner_id, '') AS owner_id, -1 AS n
          UNION ALL SELECT NEW.organization_id, NEW.status, NEW.payer_id, COALESCE(NEW.owner_type, ''), COALESCE(NEW.owner_id, ''), 1)
         AS side
    WHERE l.case_id = NEW.id
    ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
    INSERT INTO claim_aging_carc_rollup
    SELECT side.organization_id, side.status, side.payer_id, k.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
           side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
    FROM case_claims l JOIN claims cl ON cl.id = l.claim_id JOIN case_carcs_or_none k ON k.case_id = l.case_id,
         (SELECT OLD.organization_id AS organization_id, OLD.status AS status, OLD.payer_id AS payer_id, -1 AS n
          UNION ALL SELECT NEW.organization_id, NEW.status, NEW.payer_id, 1) AS side
    WHERE l.case_id = NEW.id
      AND (OLD.organization_id IS NOT NEW.organization_id OR OLD.status IS NOT NEW.status OR OLD.payer_id IS NOT NEW.payer_id)
    ON CONFLICT (organization_id, status, carc, payer_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

-- A case's first CARC moves its claims out of the '' rows; its last one moves them back.
CREATE TRIGGER case_carc_codes_insert_ages AFTER INSERT ON case_carc_codes BEGIN
    INSERT INTO claim_aging_carc_rollup
    SELECT c.organization_id, c.status, c.payer_id, side.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
           side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
    FROM cases c JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id,
         (SELECT NEW.code AS carc, 1 AS n
          UNION ALL SELECT '', -1 WHERE (SELECT COUNT(*) FROM case_carc_codes WHERE case_id = NEW.case_id) = 1) AS side
    WHERE c.id = NEW.case_id
    ON CONFLICT (organization_id, status, carc, payer_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

CREATE TRIGGER case_carc_codes_delete_ages AFTER DELETE ON case_carc_codes BEGIN
    INSERT INTO claim_aging_carc_rollup
    SELECT c.organization_id, c.status, c.payer_id, side.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
           side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
    FROM cases c JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id,
         (SELECT OLD.code AS carc, -1 AS n
          UNION ALL SELECT '', 1 WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.case_id)) AS side
    WHERE c.id = OLD.case_id
    ON CONFLICT (organization_id, status, carc, payer_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;
