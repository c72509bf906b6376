-- Casework schema, version 12: each case stores its totals and deadlines, kept by the database, so
-- that work lists filter, sort and page by them through an index instead of summing every case's
-- claims on each request (issue 13: the open view sorted by outstanding cost grew with the number of
-- cases).
--
-- - total_outstanding_cents: the sum of its claims' outstanding_cents (every linked claim);
-- - total_cost_share_outstanding_cents: the sum of its claims' cost_share_outstanding_cents;
-- - deadline / appeal_deadline: the earliest deadline / appeal deadline of its claims still open
--   (outstanding > 0); a claim's own deadlines are those of version 6 (view claim_deadlines).
--
-- One recomputation, written once per trigger below, runs whenever a claim joins or leaves a case
-- and whenever a linked claim's money or deadlines change, in the same statement as the change.

ALTER TABLE cases ADD COLUMN total_outstanding_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN total_cost_share_outstanding_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN deadline TEXT;
ALTER TABLE cases ADD COLUMN appeal_deadline TEXT;

UPDATE cases SET (total_outstanding_cents, total_cost_share_outstanding_cents, deadline, appeal_deadline) =
    (SELECT COALESCE(SUM(cl.outstanding_cents), 0), COALESCE(SUM(cl.cost_share_outstanding_cents), 0),
            MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.deadline END),
            MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.appeal_deadline END)
     FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = cases.id);

CREATE TRIGGER case_claims_insert_sets_case_totals AFTER INSERT ON case_claims BEGIN
    UPDATE cases SET (total_outstanding_cents, total_cost_share_outstanding_cents, deadline, appeal_deadline) =
        (SELECT COALESCE(SUM(cl.outstanding_cents), 0), COALESCE(SUM(cl.cost_share_outstanding_cents), 0),
                MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.deadline END),
                MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.appeal_deadline END)
         FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = NEW.case_id)
    WHERE id = NEW.case_id;
END;

CREATE TRIGGER case_claims_delete_sets_case_totals AFTER DELETE ON case_claims BEGIN
    UPDATE cases SET (total_outstanding_cents, total_cost_share_outstanding_cents, deadline, appeal_deadline) =
        (SELECT COALESCE(SUM(cl.outstanding_cents), 0), COALESCE(SUM(cl.cost_share_outstanding_cents), 0),
                MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.deadline END),
                MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.appeal_deadline END)
         FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = OLD.case_id)
    WHERE id = OLD.case_id;
END;

CREATE TRIGGER claims_update_sets_case_totals
AFTER UPDATE OF expected_cents, paid_cents, cost_share_cents, write_off_cents, cost_share_paid_cents, deadline, appeal_deadline
ON claims
WHEN (NEW.expected_cents IS NOT OLD.expected_cents OR NEW.paid_cents IS NOT OLD.paid_cents
      OR NEW.cost_share_cents IS NOT OLD.cost_share_cents OR NEW.write_off_cents IS NOT OLD.write_off_cents
      OR NEW.cost_share_paid_cents IS NOT OLD.cost_share_paid_cents OR NEW.deadline IS NOT OLD.deadline
      OR NEW.appeal_deadline IS NOT OLD.appeal_deadline)
     AND EXISTS (SELECT 1 FROM case_claims WHERE claim_id = NEW.id)
BEGIN
    UPDATE cases SET (total_outstanding_cents, total_cost_share_outstanding_cents, deadline, appeal_deadline) =
        (SELECT COALESCE(SUM(cl.outstanding_cents), 0), COALESCE(SUM(cl.cost_share_outstanding_cents), 0),
                MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.deadline END),
                MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.appeal_deadline END)
         FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = cases.id)
    WHERE id IN (SELECT case_id FROM case_claims WHERE claim_id = NEW.id);
END;

-- Work lists sorted by outstanding cost or by deadline, within a status, page through these; the
-- expressions are exactly those the list queries order by (CaseQuery.SortKey.expression).
CREATE INDEX cases_by_outstanding
    ON cases(organization_id, status, printf('%020d', 100000000000000000 + total_outstanding_cents), id);
CREATE INDEX cases_by_deadline ON cases(organization_id, status, COALESCE(deadline, '9999-12-31'), id);
CREATE INDEX cases_by_appeal_deadline ON cases(organization_id, status, appeal_deadline) WHERE appeal_deadline IS NOT NULL;
