-- Casework schema, version 15: Case Insights' outstanding by aging bucket, unfiltered or filtered by
-- payer, reads a rollup kept by the database: the claims of each organization's cases counted and
-- their outstanding summed by case status, case payer and the day the claim ages from
-- (COALESCE(first_submitted_on, service_start), '' when neither is known). The buckets are counted
-- from today when read, so the day is the finest dimension it needs; its size follows days × payers,
-- not claims. A claim on several cases (one active, others closed) counts once per case, as the
-- query over case_claims counts it. Other filters and drill-downs read the claims (migration 0013's
-- covering index).
--
-- Triggers add and subtract contributions with upserts (a negative delta for the old values): when
-- a claim joins or leaves a case, when a linked claim's money or aging dates change, when a case
-- changes status, payer or organization.

CREATE TABLE claim_aging_rollup (
    organization_id   TEXT NOT NULL,
    status            TEXT NOT NULL,
    payer_id          TEXT NOT NULL,
    start_day         TEXT NOT NULL,
    claims            INTEGER NOT NULL,
    outstanding_cents INTEGER NOT NULL,
    PRIMARY KEY (organization_id, status, payer_id, start_day)
) WITHOUT ROWID;

INSERT INTO claim_aging_rollup
SELECT c.organization_id, c.status, c.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, ''), COUNT(*),
       SUM(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
FROM case_claims l JOIN cases c ON c.id = l.case_id JOIN claims cl ON cl.id = l.claim_id
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER case_claims_insert_ages AFTER INSERT ON case_claims BEGIN
    INSERT INTO claim_aging_rollup
    SELECT c.organization_id, c.status, c.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, ''), 1,
           cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents
    FROM cases c, claims cl WHERE c.id = NEW.case_id AND cl.id = NEW.claim_id
    ON CONFLICT (organization_id, status, payer_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

CREATE TRIGGER case_claims_delete_ages AFTER DELETE ON case_claims BEGIN
    INSERT INTO claim_aging_rollup
    SELECT c.organization_id, c.status, c.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, ''), -1,
           -(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
    FROM cases c, claims cl WHERE c.id = OLD.case_id AND cl.id = OLD.claim_id
    ON CONFLICT (organization_id, status, payer_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

CREATE TRIGGER claims_update_ages
AFTER UPDATE OF expected_cents, paid_cents, cost_share_cents, write_off_cents, first_submitted_on, service_start ON claims
WHEN (NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents)
         IS NOT (OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents)
     OR COALESCE(NEW.first_submitted_on, NEW.service_start, '') IS NOT COALESCE(OLD.first_submitted_on, OLD.service_start, '')
BEGIN
    INSERT INTO claim_aging_rollup
    SELECT c.organization_id, c.status, c.payer_id, day, n, cents
    FROM case_claims l JOIN cases c ON c.id = l.case_id,
         (SELECT COALESCE(OLD.first_submitted_on, OLD.service_start, '') AS day, -1 AS n,
                 -(OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) AS cents
          UNION ALL
          SELECT COALESCE(NEW.first_submitted_on, NEW.service_start, ''), 1,
                 NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents)
    WHERE l.claim_id = NEW.id
    ON CONFLICT (organization_id, status, payer_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;

CREATE TRIGGER cases_update_ages AFTER UPDATE OF organization_id, status, payer_id ON cases
WHEN OLD.organization_id IS NOT NEW.organization_id OR OLD.status IS NOT NEW.status OR OLD.payer_id IS NOT NEW.payer_id
BEGIN
    INSERT INTO claim_aging_rollup
    SELECT side.organization_id, side.status, side.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
           side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
    FROM case_claims l JOIN claims cl ON cl.id = l.claim_id,
         (SELECT OLD.organization_id AS organization_id, OLD.status AS status, OLD.payer_id AS payer_id, -1 AS n
          UNION ALL SELECT NEW.organization_id, NEW.status, NEW.payer_id, 1) AS side
    WHERE l.case_id = NEW.id
    ON CONFLICT (organization_id, status, payer_id, start_day)
    DO UPDATE SET claims = claims + excluded.claims, outstanding_cents = outstanding_cents + excluded.outstanding_cents;
END;
